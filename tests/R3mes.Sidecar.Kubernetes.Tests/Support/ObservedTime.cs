using Microsoft.Extensions.Time.Testing;

namespace R3mes.Sidecar.Kubernetes.Tests.Support;

/// <summary>A fake clock that counts the timers made on it, so a test can wait until a delay is scheduled before advancing.</summary>
internal sealed class ObservedTime(DateTimeOffset start) : FakeTimeProvider(start)
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

    /// <summary>Waits (real time, bounded) until more than <paramref name="seen"/> timers were made.</summary>
    public async Task WaitForTimerAfterAsync(int seen)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (Timers <= seen)
        {
            if (TimeProvider.System.GetElapsedTime(started) > ScriptedApi.Patience)
            {
                Assert.Fail("no timer was scheduled");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }
    }
}
