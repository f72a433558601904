namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// Vault's own renewal timing (<c>api/lifetime_watcher.go</c>): grace is a random 10–20% of the lifetime,
/// recomputed only while renewals still extend it; sleep = 2/3 of the remaining time + 1/3 of grace; once the
/// remaining time (or what would remain after the sleep) is within grace, renewing is over — log in again or
/// fetch a new secret. Used for tokens and, later, leases.
/// </summary>
public sealed class LifetimeSchedule
{
    private readonly Random _random;
    private TimeSpan _grace;
    private TimeSpan _prior;

    public LifetimeSchedule(TimeSpan lifetime, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _prior = lifetime;
        _grace = Grace(lifetime);
    }

    public TimeSpan CurrentGrace => _grace;

    /// <summary>Given the remaining lifetime after the latest renewal: how long to sleep, and whether renewing is over.</summary>
    public (TimeSpan Sleep, bool Exhausted) Next(TimeSpan remaining)
    {
        if (remaining > _prior)
        {
            _grace = Grace(remaining);
        }

        _prior = remaining;
        var sleep = (remaining * 2 / 3) + (_grace / 3);
        var exhausted = remaining <= _grace || remaining - sleep <= _grace;
        return (sleep, exhausted);
    }

    /// <summary>A random 10–20% of the lifetime.</summary>
    private TimeSpan Grace(TimeSpan lifetime) => lifetime * Lifetimes.Jitter.Spread(0.15, 0.05, _random);
}
