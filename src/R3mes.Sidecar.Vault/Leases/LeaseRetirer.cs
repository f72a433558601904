using R3mes.Sidecar.Lifetimes;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// Revokes one leased secret's replaced leases when their <c>revoke_grace</c> is over, on the
/// <see cref="LifetimeEngine"/> beside its <see cref="LeaseKeeper"/>: a slow revocation never holds up a renewal.
/// </summary>
internal sealed class LeaseRetirer(LeasedSource source) : ILifetime
{
    public string Name => $"the lease retirer of {source.Description}";

    public ValueTask<TimeSpan> RunAsync(CancellationToken cancellationToken) => source.RetireAsync(cancellationToken);
}
