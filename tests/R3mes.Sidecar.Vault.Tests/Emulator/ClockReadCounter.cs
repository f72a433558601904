namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>A <see cref="TimeProvider"/> that counts how often the time is read: a measure of work that does not depend on how fast the machine is.</summary>
internal sealed class ClockReadCounter(TimeProvider inner) : TimeProvider
{
    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public void Reset() => Interlocked.Exchange(ref _reads, 0);

    public override DateTimeOffset GetUtcNow()
    {
        Interlocked.Increment(ref _reads);
        return inner.GetUtcNow();
    }

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
