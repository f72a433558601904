namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// A lease a secrets engine handed out: a child of the token that asked (revoked with it), with a TTL that renewals
/// extend up to its max TTL. Engines (database, PKI) react through the callbacks, which run outside the lock.
/// </summary>
public sealed class EmulatorLease
{
    public required string Id { get; init; }

    public required string ParentToken { get; init; }

    public required DateTimeOffset Issued { get; init; }

    public required TimeSpan MaxTtl { get; init; }

    public required bool Renewable { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastRenewal { get; set; }

    /// <summary>Runs outside the emulator's lock after a renewal, before the renew response is written.</summary>
    public Func<EmulatorLease, Task>? OnRenewed { get; init; }

    /// <summary>Runs outside the emulator's lock after the lease is revoked or expired (before the response that noticed it).</summary>
    public Func<EmulatorLease, Task>? OnRevoked { get; init; }

    public DateTimeOffset MaxExpiry => Issued + MaxTtl;
}
