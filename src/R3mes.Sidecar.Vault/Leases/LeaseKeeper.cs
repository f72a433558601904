using R3mes.Sidecar.Lifetimes;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// One leased secret's keep-alive on the <see cref="LifetimeEngine"/>: renews the lease when its
/// <see cref="LeaseTimeline"/> says, revokes replaced leases when their grace is over, and asks the secret's refresh
/// to run when a replacement is due (lost lease, moved rotation point). The source itself only fetches.
/// </summary>
internal sealed class LeaseKeeper(LeasedSource source) : ILifetime
{
    public string Name => $"the lease keeper of {source.Description}";

    public ValueTask<TimeSpan> RunAsync(CancellationToken cancellationToken) => source.KeepAsync(cancellationToken);
}
