namespace R3mes.Sidecar.Lifetimes;

/// <summary>
/// Spreads periodic refreshes so many secrets with the same <c>refresh</c> never hit a backend in one burst
/// (docs/CONTRACT.md §6): intervals of 10 s or more are stretched or shortened by up to 10%. Shorter ones (the file
/// source's 1 s poll, which promises a change within a second) and infinite ones (read-once sources) are left exact.
/// </summary>
public static class RefreshJitter
{
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(10);

    public static TimeSpan Apply(TimeSpan interval, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return interval == Timeout.InfiniteTimeSpan || interval < Threshold
            ? interval
            : Jitter.Around(interval, 0.1, random);
    }
}
