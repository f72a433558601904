using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>A lease the sidecar holds: its id (not secret), the token that created it, the values, and its timeline.</summary>
internal sealed class HeldLease(string id, string parentAccessor, IReadOnlyDictionary<string, SecretValue> fields, LeaseTimeline timeline)
{
    public string Id { get; } = id;

    /// <summary>Accessor of the token the lease is a child of.</summary>
    public string ParentAccessor { get; } = parentAccessor;

    public IReadOnlyDictionary<string, SecretValue> Fields { get; } = fields;

    public LeaseTimeline Timeline { get; } = timeline;

    /// <summary>Vault no longer knows the lease (revoked, expired, or its token died): replace it now.</summary>
    public bool Lost { get; set; }
}
