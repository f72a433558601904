using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>
/// The PostgreSQL plugin's generated credentials: username <c>v-&lt;display 8&gt;-&lt;role 8&gt;-&lt;20 base62&gt;-&lt;unix&gt;</c>
/// cut to 63 bytes, and Vault's default password policy (20 of <c>[A-Za-z0-9-]</c>, at least one of each class).
/// </summary>
internal static class DatabaseCredentials
{
    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

    public static string Username(string displayName, string role, DateTimeOffset now) =>
        Truncate($"v-{Truncate(displayName, 8)}-{Truncate(role, 8)}-{VaultEmulator.NewId(20)}-{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", 63);

    public static string Password()
    {
        while (true)
        {
            var password = string.Create(20, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = PasswordAlphabet[RandomNumberGenerator.GetInt32(PasswordAlphabet.Length)];
                }
            });
            if (password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiDigit) && password.Contains('-', StringComparison.Ordinal))
            {
                return password;
            }
        }
    }

    /// <summary>Go's <c>str[:n]</c>: byte-based.</summary>
    private static string Truncate(string value, int bytes)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return utf8.Length <= bytes ? value : Encoding.UTF8.GetString(utf8, 0, bytes);
    }
}
