using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace R3mes.Sidecar.Actions.Running;

/// <summary>
/// A fake clock that reports each finite timer created on it (its due time), so a test advances time only once the
/// code under test has started waiting — advancing first would move the wait's start, not its end.
/// </summary>
internal sealed class TimerWatchingClock() : FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Registered first, told second: a test told of the timer before the clock holds it would advance past a
        // timer that then starts counting from the new time and never fires.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _created.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due time of the next timer created, waiting for it (a test deadline, not a measurement).</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        return await _created.Reader.ReadAsync(deadline.Token);
    }
}
