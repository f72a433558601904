using R3mes.Sidecar.Vault.Leases;

namespace R3mes.Sidecar.Vault.Engines;

/// <summary>
/// A vault source as configured: the path, a pinned KV version, request parameters (PKI issue), the lease policy,
/// the certificate re-issue point, and the secret's name (state_dir files are keyed by it).
/// </summary>
internal sealed record VaultSourceOptions(
    IReadOnlyList<string> Path,
    string Secret,
    int? Version,
    IReadOnlyDictionary<string, string> Params,
    LeasePolicy Lease,
    double RenewAt)
{
    public const double DefaultRenewAt = 2.0 / 3;

    public string Where => string.Join('/', Path);
}
