using Microsoft.Extensions.Time.Testing;

namespace R3mes.Sidecar.Core.Tests.Sources.Files;

/// <summary>
/// A fake clock that counts the timers created on it, so a test can wait until the code under test is asleep
/// on its next delay before advancing time (an advance made earlier would be lost on a timer not yet created).
/// </summary>
internal sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }

    /// <summary>Waits (on the real clock, at most 10 s) until at least <paramref name="count"/> timers were created.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        var started = System.GetTimestamp();
        while (Timers < count)
        {
            Assert.True(System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), $"only {Timers} of {count} timers were created within 10 s");
            await Task.Delay(TimeSpan.FromMilliseconds(1), System);
        }
    }
}
