using System.Security.Cryptography.X509Certificates;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// The CA: a root generated inside Vault (<c>root/generate/internal</c>: the key never leaves Vault), or an
/// intermediate signed elsewhere and imported with its key (<c>config/ca</c>, a PEM bundle read from a file).
/// </summary>
internal sealed record PkiCaSpec(string? RootCommonName, TimeSpan RootTtl, string RootKeyType, string? BundleFile, SecretValue? Bundle, X509Certificate2? BundleCertificate)
{
    public bool IsRoot => RootCommonName is not null;

    public string Describe() => IsRoot ? $"root CA '{RootCommonName}' generated inside Vault" : $"intermediate CA imported from {BundleFile}";
}
