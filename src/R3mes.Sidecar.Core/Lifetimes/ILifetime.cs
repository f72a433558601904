namespace R3mes.Sidecar.Lifetimes;

/// <summary>
/// One thing the <see cref="LifetimeEngine"/> keeps alive: a secret's refresh, the Vault token, a lease's renewals.
/// It does what is due when run and says when to run it next; it never sleeps itself.
/// </summary>
public interface ILifetime
{
    /// <summary>For logs and the fatal-failure message, e.g. <c>the refresh loop of secret 'db'</c>. Never a value.</summary>
    string Name { get; }

    /// <summary>
    /// Does what is due now; returns how long until the next run, or <see cref="Timeout.InfiniteTimeSpan"/> to run
    /// only when woken. Expected failures are handled inside (with <see cref="Backoff"/>); an exception that escapes
    /// ends this lifetime and is reported through <see cref="LifetimeEngine.Faulted"/>.
    /// </summary>
    ValueTask<TimeSpan> RunAsync(CancellationToken cancellationToken);
}
