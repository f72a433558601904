using Microsoft.Extensions.Time.Testing;

namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>
/// A fake clock that counts the timers created on it, so a test can wait until a background loop has started its
/// delay before advancing time (advancing first would move the delay's start, not its end).
/// </summary>
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Counted only once the clock holds it: an advance made between the count and the registration would be
        // lost on a timer that then starts from the new time.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }
}
