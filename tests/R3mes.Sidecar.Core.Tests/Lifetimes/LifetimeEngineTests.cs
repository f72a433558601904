using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Core.Tests.Sources.Files;
using R3mes.Sidecar.Lifetimes;

namespace R3mes.Sidecar.Core.Tests.Lifetimes;

/// <summary>
/// The keep-alive engine on a fake clock: entries run in due order on one timer, a wake reschedules to now and is
/// coalesced with a run in progress, a failing entry is reported and ends alone, runs are bounded, and stop cancels.
/// Waits are on observable conditions (no run in progress), never on how fast the machine is.
/// </summary>
public sealed class LifetimeEngineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly LifetimeEngine _engine;

    public LifetimeEngineTests() => _engine = new LifetimeEngine(_time, NullLogger<LifetimeEngine>.Instance);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Schedule_ThreeEntries_RunInDueOrderAtTheirDueTimes()
    {
        var order = new List<string>();
        var a = Scripted("a", order);
        var b = Scripted("b", order);
        var c = Scripted("c", order);
        _engine.Schedule(a, TimeSpan.FromSeconds(3));
        _engine.Schedule(b, TimeSpan.FromSeconds(1));
        _engine.Schedule(c, TimeSpan.FromSeconds(2));

        for (var i = 0; i < 3; i++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["b", "c", "a"], order);
        Assert.Equal([Start.AddSeconds(1)], b.Runs);
        Assert.Equal([Start.AddSeconds(2)], c.Runs);
        Assert.Equal([Start.AddSeconds(3)], a.Runs);
    }

    [Fact]
    public async Task Run_ReturnsNextDelay_RunsAgainThen()
    {
        var item = new ScriptedLifetime("periodic", _time, TimeSpan.FromSeconds(10));
        _engine.Schedule(item, TimeSpan.Zero);
        await IdleAsync();

        await AdvanceAsync(TimeSpan.FromSeconds(9.9));
        Assert.Equal(1, item.RunCount);
        await AdvanceAsync(TimeSpan.FromSeconds(0.1));

        Assert.Equal([Start, Start.AddSeconds(10)], item.Runs);
        Assert.Equal(Start.AddSeconds(20), _engine.NextDue);
    }

    [Fact]
    public async Task Schedule_HundredEntries_OneTimer()
    {
        var time = new TimerCountingTimeProvider();
        using var engine = new LifetimeEngine(time, NullLogger<LifetimeEngine>.Instance);
        var items = Enumerable.Range(0, 100).Select(i => new ScriptedLifetime($"s{i}", time, TimeSpan.FromSeconds(1 + (i % 7)))).ToArray();
        foreach (var item in items)
        {
            engine.Schedule(item, TimeSpan.Zero);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.True(await Eventually.TrueAsync(() => engine.Idle), "runs did not finish");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(await Eventually.TrueAsync(() => engine.Idle), "runs did not finish");
        Assert.Equal(1, time.Timers);
        Assert.All(items, i => Assert.True(i.RunCount >= 2, $"{i.Name} ran {i.RunCount} time(s)"));
    }

    [Fact]
    public async Task Wake_QueuedEntry_RunsNowThenAtItsOwnNextTime()
    {
        var item = new ScriptedLifetime("hourly", _time, TimeSpan.FromHours(1));
        var entry = _engine.Schedule(item, TimeSpan.FromHours(1));
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(0, item.RunCount);

        entry.Wake();
        await IdleAsync();

        Assert.Equal([Start.AddMinutes(5)], item.Runs);
        Assert.Equal(Start.AddMinutes(65), _engine.NextDue);
    }

    [Fact]
    public async Task Wake_ParkedEntry_RunsNow()
    {
        var item = new ScriptedLifetime("read once", _time, Timeout.InfiniteTimeSpan);
        var entry = _engine.Schedule(item, TimeSpan.Zero);
        await IdleAsync();
        await AdvanceAsync(TimeSpan.FromDays(100));
        Assert.Equal(1, item.RunCount);
        Assert.Null(_engine.NextDue);

        entry.Wake();
        await IdleAsync();

        Assert.Equal([Start, Start.AddDays(100)], item.Runs);
    }

    [Fact]
    public async Task Wake_SeveralTimesDuringARun_RunsExactlyOnceMoreAfterIt()
    {
        var item = new ScriptedLifetime("refresh", _time, TimeSpan.FromMinutes(10));
        item.Hold();
        var entry = _engine.Schedule(item, TimeSpan.Zero);
        await item.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

        entry.Wake();
        entry.Wake();
        entry.Wake();
        item.Release();
        await IdleAsync();

        Assert.Equal(2, item.RunCount);
        Assert.Equal(Start.AddMinutes(10), _engine.NextDue);
    }

    [Fact]
    public async Task Faulted_OneEntryThrows_ReportedOnceEndedAndOthersKeepRunning()
    {
        var faults = new List<(string, string)>();
        _engine.Faulted += (lifetime, e) =>
        {
            lock (faults)
            {
                faults.Add((lifetime.Name, e.Message));
            }
        };
        var broken = new ScriptedLifetime("broken", _time, TimeSpan.FromSeconds(1)) { Throw = new InvalidOperationException("boom") };
        var healthy = new ScriptedLifetime("healthy", _time, TimeSpan.FromSeconds(1));
        var brokenEntry = _engine.Schedule(broken, TimeSpan.Zero);
        _engine.Schedule(healthy, TimeSpan.Zero);
        await IdleAsync();

        for (var i = 0; i < 3; i++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        brokenEntry.Wake();
        await IdleAsync();

        Assert.Equal([("broken", "boom")], faults);
        Assert.Equal(1, broken.RunCount);
        Assert.Equal(4, healthy.RunCount);
    }

    [Fact]
    public async Task StopAsync_RunInProgress_IsCancelledAwaitedAndNeverRunsAgain()
    {
        var item = new ScriptedLifetime("lease", _time, TimeSpan.FromSeconds(1));
        item.Hold();
        var entry = _engine.Schedule(item, TimeSpan.Zero);
        await item.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

        await entry.StopAsync().WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.True(item.Cancelled);
        Assert.Equal(0, _engine.Running);

        entry.Wake();
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, item.RunCount);
        Assert.Null(_engine.NextDue);
    }

    [Fact]
    public async Task StopAsync_QueuedEntry_NeverRuns()
    {
        var item = new ScriptedLifetime("token", _time, TimeSpan.FromSeconds(1));
        var entry = _engine.Schedule(item, TimeSpan.FromSeconds(2));

        await entry.StopAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, item.RunCount);
    }

    [Fact]
    public async Task Concurrency_MoreDueEntriesThanTheBound_RunAtMostBoundAtOnceThenTheRest()
    {
        using var engine = new LifetimeEngine(_time, NullLogger<LifetimeEngine>.Instance, concurrency: 2);
        var items = Enumerable.Range(0, 5).Select(i => new ScriptedLifetime($"s{i}", _time, Timeout.InfiniteTimeSpan)).ToArray();
        foreach (var item in items)
        {
            item.Hold();
            engine.Schedule(item, TimeSpan.Zero);
        }

        await Task.WhenAll(items[0].Entered.Task, items[1].Entered.Task).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal(2, engine.Running);
        Assert.Equal(0, items[2].RunCount + items[3].RunCount + items[4].RunCount);

        foreach (var item in items)
        {
            item.Release();
        }

        Assert.True(await Eventually.TrueAsync(() => engine.Idle && items.All(i => i.RunCount == 1)), "not every entry ran once");
    }

    [Fact]
    public async Task Schedule_DueLaterThanATimerCanWait_RunsAtItsDueTime()
    {
        var item = new ScriptedLifetime("yearly", _time, Timeout.InfiniteTimeSpan);
        _engine.Schedule(item, TimeSpan.FromDays(60));

        await AdvanceAsync(TimeSpan.FromDays(30));
        Assert.Equal(0, item.RunCount);
        await AdvanceAsync(TimeSpan.FromDays(29.9));
        Assert.Equal(0, item.RunCount);
        await AdvanceAsync(TimeSpan.FromDays(0.1));

        Assert.Equal([Start.AddDays(60)], item.Runs);
    }

    private ScriptedLifetime Scripted(string name, List<string> order) => new(name, _time, Timeout.InfiniteTimeSpan)
    {
        OnRun = () =>
        {
            lock (order)
            {
                order.Add(name);
            }
        },
    };

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await IdleAsync();
    }

    /// <summary>
    /// x10 (a fresh clone): a fake-clock test waited for <see cref="LifetimeEngine.Idle"/>, advanced the clock, and the
    /// engine then armed its timer from the time it had read before the advance — for the full delay again, so the
    /// entry came due and never ran ("a refresh did not finish"). Idle must stay false until the timer is armed.
    /// </summary>
    [Fact]
    public async Task Idle_IsFalseWhileTheTimerIsBeingArmed()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        LifetimeEngine? engine = null;
        var time = new ArmWatchingTimeProvider(_time, () =>
        {
            if (engine is { } e)
            {
                seen.Enqueue(e.Idle);
            }
        });
        using (engine = new LifetimeEngine(time, NullLogger<LifetimeEngine>.Instance))
        {
            var item = new ScriptedLifetime("periodic", _time, TimeSpan.FromSeconds(5));
            engine.Schedule(item, TimeSpan.Zero);
            Assert.True(await Eventually.TrueAsync(() => engine.Idle && item.RunCount == 1), "the run did not finish");
        }

        Assert.True(seen.Count >= 2, $"the timer was armed {seen.Count} time(s): at the schedule and after the run");
        Assert.DoesNotContain(true, seen);
    }

    private async Task IdleAsync() =>
        Assert.True(await Eventually.TrueAsync(() => _engine.Idle), "a run did not finish");

    /// <summary>The fake clock, with timers that call <paramref name="onChange"/> inside each arming, before it takes effect.</summary>
    private sealed class ArmWatchingTimeProvider(FakeTimeProvider clock, Action onChange) : TimeProvider
    {
        public override long TimestampFrequency => clock.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new WatchedTimer(clock.CreateTimer(callback, state, dueTime, period), onChange);

        private sealed class WatchedTimer(ITimer inner, Action onChange) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                onChange();
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
