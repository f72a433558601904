using System.Net;

namespace R3mes.Sidecar.Vault.Emulator.Pki;

/// <summary>
/// Which DNS names a role may issue for (builtin/logical/pki/cert_util.go <c>validateNames</c>): any name, localhost,
/// an allowed domain itself (allow_bare_domains) or a subdomain of it (allow_subdomains).
/// </summary>
internal static class PkiNamePolicy
{
    public static bool Allows(PkiRole role, string name)
    {
        if (role.AllowAnyName)
        {
            return true;
        }

        var lower = name.ToLowerInvariant();
        if (role.AllowLocalhost && (lower is "localhost" or "localdomain" || lower.EndsWith(".localhost", StringComparison.Ordinal)))
        {
            return true;
        }

        if (role.AllowIpSans && IPAddress.TryParse(name, out _))
        {
            return true;
        }

        return role.AllowedDomains.Select(d => d.ToLowerInvariant()).Any(domain =>
            (role.AllowBareDomains && lower == domain) ||
            (role.AllowSubdomains && lower.EndsWith("." + domain, StringComparison.Ordinal) && lower.Length > domain.Length + 1));
    }
}
