using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Vault.Emulator.Pki;

/// <summary>
/// One enabled PKI engine: its CA (none until <c>root/generate/internal</c> or <c>config/ca</c>, or set up at once by
/// <c>EnablePki</c>), the signer holding the CA key in memory, issuer ids, roles and every serial issued.
/// </summary>
internal sealed class PkiMount(string path)
{
    public string Path { get; } = path;

    public X509Certificate2? Ca { get; set; }

    public X509SignatureGenerator? Signer { get; set; }

    /// <summary>The mount's <c>max_lease_ttl</c> (zero: the system's): caps a generated root's TTL.</summary>
    public TimeSpan MaxLeaseTtl { get; init; }

    public List<string> IssuerIds { get; } = [];

    public Dictionary<string, PkiRole> Roles { get; } = new(StringComparer.Ordinal);

    public List<string> IssuedSerials { get; } = [];
}
