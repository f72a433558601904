using System.Security.Cryptography;
using System.Text;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Engines;

namespace R3mes.Sidecar.Vault.Pki;

/// <summary>
/// What a certificate was asked for — the Vault address and namespace, the issue path (mount and role) and every
/// <c>params</c> entry — as one SHA-256 hash, so a kept certificate is reused only for the same request and
/// <c>state_dir</c> holds no parameter in clear. Parameters are sorted by name; each part is length-prefixed, so
/// no two different requests write the same bytes.
/// </summary>
internal static class PkiRequest
{
    public static string Key(VaultSettings? settings, VaultSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        Append(text, settings?.Address.ToString() ?? "");
        Append(text, settings?.Namespace ?? "");
        Append(text, options.Where);
        foreach (var (name, value) in options.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Append(text, name);
            Append(text, value);
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(StringBuilder text, string part) =>
        text.Append(part.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(part);
}
