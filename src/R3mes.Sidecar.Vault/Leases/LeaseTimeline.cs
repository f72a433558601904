using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// When to renew and when to replace one lease. Renewals follow Vault's <see cref="LifetimeSchedule"/> (2/3 of the
/// remaining TTL + 1/3 of a 10–20% grace). A renewal that grants less than asked means the max TTL is reached: the
/// lease's expiry is then final. The lease is replaced at its rotation fraction of the lifetime that ends at the
/// earliest final deadline — its own final expiry or its parent token's (Vault revokes leases with their token) —
/// and no later than <c>revoke_grace</c> before that deadline: Vault ends the replaced lease there whatever the grace,
/// so the app's time to switch is only the promised grace if the replacement is written that early (but not before
/// half the lifetime, so a lease shorter than twice the grace is not replaced the moment it is issued; and only for a
/// final deadline, not the provisional one of failing renewals).
/// While renewals fail, the current expiry counts as final, measured from the last grant.
/// </summary>
internal sealed class LeaseTimeline
{
    private static readonly TimeSpan MinRetry = TimeSpan.FromMilliseconds(250);
    private readonly LifetimeSchedule _schedule;
    private readonly double _rotateFraction;
    private readonly Random _random;
    private readonly TimeSpan _revokeGrace;
    private int _failures;

    public LeaseTimeline(DateTimeOffset issuedAt, TimeSpan ttl, bool renewable, double rotateFraction, Random random, DateTimeOffset? expiresAt = null, TimeSpan revokeGrace = default)
    {
        _revokeGrace = revokeGrace;
        IssuedAt = issuedAt;
        GrantedAt = issuedAt;
        ExpiresAt = expiresAt ?? issuedAt + ttl;
        Ttl = ttl;
        Renewable = renewable;
        _rotateFraction = rotateFraction;
        _random = random;
        _schedule = new LifetimeSchedule(ttl, random);
        NextRenewal = renewable && ttl > TimeSpan.Zero ? issuedAt + _schedule.Next(ttl).Sleep : null;
    }

    public DateTimeOffset IssuedAt { get; }

    /// <summary>The TTL the lease was issued with: what each renewal asks for.</summary>
    public TimeSpan Ttl { get; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public bool Renewable { get; private set; }

    /// <summary>Renewals no longer extend the lease (max TTL reached).</summary>
    public bool Capped { get; private set; }

    /// <summary>The next renewal, or null when renewing is over.</summary>
    public DateTimeOffset? NextRenewal { get; private set; }

    public double RotateFraction => _rotateFraction;

    public void Renewed(TimeSpan granted, bool renewable, DateTimeOffset now)
    {
        _failures = 0;
        GrantedAt = now;
        ExpiresAt = now + granted;
        Renewable = renewable;
        var (sleep, exhausted) = _schedule.Next(granted);
        // Vault grants exactly the increment asked for until the max TTL cuts it: any shorter grant is the cap. (A
        // tolerance of a second hid it on short leases — 3 s asked, 2 s granted — until the next renewal, too late
        // for the old lease's revoke_grace to fit before its end.)
        Capped |= granted < Ttl || exhausted;
        NextRenewal = Capped || !renewable ? null : now + sleep;
    }

    /// <summary>A renewal failed for a reason that may pass: retry with backoff, well before the lease expires.</summary>
    public void RenewFailed(DateTimeOffset now)
    {
        _failures++;
        var remaining = ExpiresAt - now;
        var delay = Backoff.Delay(_failures, _random, cap: Backoff.Cap);
        var ceiling = remaining / 4 > MinRetry ? remaining / 4 : MinRetry;
        NextRenewal = now + (delay < ceiling ? delay : ceiling);
    }

    /// <summary>Vault says the lease cannot be renewed (any more): ride it out and replace it at the rotation point.</summary>
    public void NotRenewable()
    {
        Renewable = false;
        NextRenewal = null;
    }

    /// <summary>When to fetch the replacement, given the parent token's final deadline (null: it can still be extended).</summary>
    public DateTimeOffset? RotateAt(DateTimeOffset? tokenDeadline)
    {
        DateTimeOffset? end = null;
        var start = IssuedAt;
        var final = true;
        if (!Renewable || Capped)
        {
            end = ExpiresAt;
        }
        else if (_failures > 0)
        {
            end = ExpiresAt;
            start = GrantedAt;
            final = false;
        }

        if (tokenDeadline is { } token && (end is null || token < end))
        {
            end = token;
            start = IssuedAt;
            final = true;
        }

        if (end is not { } e)
        {
            return null;
        }

        var rotation = start + ((e - start) * _rotateFraction);
        if (!final)
        {
            // Failing renewals: the expiry may still move; the fraction alone decides (renewing may yet succeed).
            return rotation;
        }

        var halfLife = start + ((e - start) / 2);
        var graceFits = e - _revokeGrace > halfLife ? e - _revokeGrace : halfLife;
        return graceFits < rotation ? graceFits : rotation;
    }

    /// <summary>The moment the lease stops working: its expiry, or its parent token's end if that comes first.</summary>
    public DateTimeOffset Deadline(DateTimeOffset? tokenDeadline) =>
        tokenDeadline is { } token && token < ExpiresAt ? token : ExpiresAt;
}
