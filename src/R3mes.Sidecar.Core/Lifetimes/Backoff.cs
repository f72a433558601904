namespace R3mes.Sidecar.Lifetimes;

/// <summary>Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 5 min, each ±20%.</summary>
public static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    public static TimeSpan Delay(int failures, Random random, TimeSpan? first = null, TimeSpan? cap = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        var start = first ?? First;
        var limit = cap ?? Cap;
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(limit.Ticks, start.Ticks * Math.Pow(2, exponent)));
        return Jitter.Around(delay, 0.2, random);
    }
}
