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
/// A lease of a path whose earlier lease was capped carries that lease's lifetime as its expected end: Vault applies
/// the same max TTL to every lease of a role, so the replacement is planned at the rotation fraction of the whole
/// lifetime instead of waiting for the renewal that crosses the cap (which comes as late as a third of a TTL before
/// the end). A real cap, the token's end or failing renewals still decide when they come first.
/// </summary>
internal sealed class LeaseTimeline
{
    private static readonly TimeSpan MinRetry = TimeSpan.FromMilliseconds(250);
    private readonly LifetimeSchedule _schedule;
    private readonly double _rotateFraction;
    private readonly Random _random;
    private readonly TimeSpan _revokeGrace;
    private int _failures;

    /// <param name="expectedLifetime">The lifetime of an earlier capped lease of the same path (its max TTL as seen from
    /// here), or null. Shorter than this lease's TTL it cannot be the max TTL (Vault never issues past it): ignored.</param>
    public LeaseTimeline(DateTimeOffset issuedAt, TimeSpan ttl, bool renewable, double rotateFraction, Random random, DateTimeOffset? expiresAt = null, TimeSpan revokeGrace = default, TimeSpan? expectedLifetime = null)
    {
        _revokeGrace = revokeGrace;
        ExpectedEnd = expectedLifetime is { } lifetime && lifetime >= ttl ? issuedAt + lifetime : null;
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

    /// <summary>Where the max TTL is expected to end this lease (learned from an earlier lease of the path), or null.</summary>
    public DateTimeOffset? ExpectedEnd { get; }

    /// <summary>Renewals no longer extend the lease (max TTL reached).</summary>
    public bool Capped { get; private set; }

    /// <summary>The next renewal, or null when renewing is over.</summary>
    public DateTimeOffset? NextRenewal { get; private set; }

    public double RotateFraction => _rotateFraction;

    /// <returns>Whether this grant was cut short by the max TTL for the first time (its expiry is the lease's lifetime).</returns>
    public bool Renewed(TimeSpan granted, bool renewable, DateTimeOffset now)
    {
        var wasCapped = Capped;
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
        return !wasCapped && granted < Ttl;
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
        else if (ExpectedEnd is { } expected)
        {
            end = expected;
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

    /// <summary>
    /// How long the max TTL let this lease live, which the path's next leases can expect; null when it is not capped,
    /// or when the cut came at the parent token's end (within a second), which says nothing about the role's max TTL.
    /// </summary>
    public TimeSpan? CappedLifetime(DateTimeOffset? tokenDeadline) =>
        !Capped || (tokenDeadline is { } token && ExpiresAt >= token - TimeSpan.FromSeconds(1)) ? null : ExpiresAt - IssuedAt;

    /// <summary>The moment the lease stops working: its expiry, or its parent token's end if that comes first.</summary>
    public DateTimeOffset Deadline(DateTimeOffset? tokenDeadline) =>
        tokenDeadline is { } token && token < ExpiresAt ? token : ExpiresAt;
}
