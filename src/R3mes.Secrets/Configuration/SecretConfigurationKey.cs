using Microsoft.Extensions.Configuration;

namespace R3mes.Secrets.Configuration;

/// <summary>
/// The configuration key of a secret file: <c>__</c> in the name becomes the section separator <c>:</c> (as
/// environment variables and ASP.NET Core's key-per-file provider do), under the prefix if there is one.
/// </summary>
public static class SecretConfigurationKey
{
    /// <summary><c>ConnectionStrings__Default</c> with prefix <c>""</c> → <c>ConnectionStrings:Default</c>.</summary>
    public static string For(string keyPrefix, string fileName)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        ArgumentNullException.ThrowIfNull(fileName);
        var key = fileName.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        var prefix = keyPrefix.Trim(':');
        return prefix.Length == 0 ? key : ConfigurationPath.Combine(prefix, key);
    }
}
