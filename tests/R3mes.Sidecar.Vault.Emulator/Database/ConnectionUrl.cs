using Npgsql;

namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>
/// The plugin's templated <c>connection_url</c>, <c>postgresql://{{username}}:{{password}}@host:port/db?sslmode=…</c>,
/// turned into a pooled Npgsql data source.
/// </summary>
internal static class ConnectionUrl
{
    public static NpgsqlDataSource ToDataSource(string template, string username, string password, int maxOpenConnections)
    {
        var url = new Uri(template
            .Replace("{{username}}", Uri.EscapeDataString(username), StringComparison.Ordinal)
            .Replace("{{password}}", Uri.EscapeDataString(password), StringComparison.Ordinal));
        if (url.Scheme is not ("postgresql" or "postgres"))
        {
            throw new FormatException($"unsupported connection_url scheme {url.Scheme}");
        }

        var userInfo = url.UserInfo.Split(':', 2);
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port > 0 ? url.Port : 5432,
            Database = url.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            SslMode = query.GetValueOrDefault("sslmode") is "disable" or null ? SslMode.Disable : SslMode.Prefer,
            MaxPoolSize = Math.Max(1, maxOpenConnections),
            Timeout = 5,
        };
        return NpgsqlDataSource.Create(builder);
    }
}
