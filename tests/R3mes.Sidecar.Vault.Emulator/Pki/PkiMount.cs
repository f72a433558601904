using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Vault.Emulator.Pki;

/// <summary>One enabled PKI engine: its root CA (EC P-256, key kept in memory), roles and every serial issued.</summary>
internal sealed class PkiMount(string path, X509Certificate2 ca, ECDsa caKey)
{
    public string Path { get; } = path;

    public X509Certificate2 Ca { get; } = ca;

    public ECDsa CaKey { get; } = caKey;

    public Dictionary<string, PkiRole> Roles { get; } = new(StringComparer.Ordinal);

    public List<string> IssuedSerials { get; } = [];
}
