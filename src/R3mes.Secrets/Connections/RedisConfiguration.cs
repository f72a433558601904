using System.Globalization;

namespace R3mes.Secrets.Connections;

/// <summary>
/// A StackExchange.Redis configuration string, <c>host:port,password=…,defaultDatabase=N</c>. StackExchange.Redis splits
/// the string at every <c>,</c> and trims each option and value, with no escape syntax; only the first <c>=</c> of an
/// option separates its value. So a password may hold <c>=</c>, <c>;</c>, quotes, inner spaces and any non-ASCII, but a
/// password with <c>,</c> or outer white space cannot be written: that is refused rather than silently cut.
/// See docs/connection-strings.md.
/// </summary>
internal static class RedisConfiguration
{
    public static string Build(SecretKey passwordKey, string password, string host, int port, int database)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(database);
        var authority = ConnectionHost.Authority(host, port);
        if (password.Contains(',', StringComparison.Ordinal) || password.Trim().Length != password.Length)
            throw new SecretFormatException(
                passwordKey,
                $"secret '{passwordKey.FileName}' contains ',' or leading/trailing white space, which a StackExchange.Redis "
                + "configuration string cannot carry; set ConfigurationOptions.Password to the secret's value instead");
        return string.Create(CultureInfo.InvariantCulture, $"{authority},password={password},defaultDatabase={database}");
    }
}
