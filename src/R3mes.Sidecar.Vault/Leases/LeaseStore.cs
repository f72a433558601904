using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.State;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// Keeps one secret's lease in <c>state_dir</c>, so a restarted sidecar — or the daemon after the <c>once</c> init
/// step — renews it instead of issuing new credentials. A missing or unreadable file means a new lease.
/// </summary>
internal sealed class LeaseStore(StateFiles files, string secretName)
{
    private string FileName => $"lease-{secretName}.json";

    public void Save(PersistedLease lease) => files.Save(FileName, lease, VaultJsonContext.Default.PersistedLease);

    public PersistedLease? Load() => files.Load(FileName, VaultJsonContext.Default.PersistedLease);

    public void Delete() => files.Delete(FileName);
}
