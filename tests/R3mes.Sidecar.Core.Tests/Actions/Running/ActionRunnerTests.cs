using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Actions.Command;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Actions.Running;

/// <summary>
/// <see cref="ActionRunner"/> on a fake clock: debounce (a burst inside the quiet period runs once, with every file),
/// the longest wait under a steady stream of triggers, retry with backoff drawn from the injected Random, and a run
/// that times out. No assertion depends on how fast the machine is.
/// </summary>
public sealed class ActionRunnerTests : IDisposable
{
    private readonly TimerWatchingClock _time = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly SidecarMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private ActionRunner? _runner;

    public ActionRunnerTests()
    {
        _loggers = _logs.CreateFactory();
        _metrics = new SidecarMetrics(new StatusBoard(_time), _time);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _metrics.Dispose();
        _loggers.Dispose();
    }

    [Fact]
    public async Task Burst_InsideTheQuietPeriod_RunsOnceWithEveryFile()
    {
        var action = new RecordingAction();
        var loop = Start(action, new Debounce(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)));

        string[][] burst = [["tls.crt"], ["tls.key"], ["ca.crt", "tls.crt"], ["db_password"], ["tls.key"]];
        foreach (var files in burst)
        {
            _runner!.Trigger(files);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(action.Runs);
        _time.Advance(TimeSpan.FromSeconds(1));

        var run = await action.NextAsync();
        Assert.Equal(["ca.crt", "db_password", "tls.crt", "tls.key"], run.ChangedFiles);
        Assert.Equal(1, run.Attempt);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(action.Runs);
        Assert.False(loop.IsCompleted);
    }

    [Fact]
    public async Task SteadyTriggers_RunAtTheLongestWait_ThenAgainForLaterFiles()
    {
        var action = new RecordingAction();
        _ = Start(action, new Debounce(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)));

        _runner!.Trigger(["a"]);
        for (var second = 1; second <= 4; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _runner.Trigger([$"f{second}"]);
        }

        Assert.Empty(action.Runs);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["a", "f1", "f2", "f3", "f4"], (await action.NextAsync()).ChangedFiles);

        _runner.Trigger(["later"]);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["later"], (await action.NextAsync()).ChangedFiles);
        Assert.Equal(2, action.Runs.Count);
    }

    [Fact]
    public async Task FailingRun_RetriesAfterEachBackoffTimer_WithTheSameFiles()
    {
        var action = new RecordingAction(failures: 2);
        _ = Start(action, new Debounce(TimeSpan.Zero, TimeSpan.Zero));

        _runner!.Trigger(["tls.crt", "tls.key"]);
        Assert.Equal(1, (await action.NextAsync()).Attempt);
        var first = await _time.NextTimerAsync();
        _time.Advance(first - TimeSpan.FromTicks(1));
        Assert.Single(action.Runs);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, (await action.NextAsync()).Attempt);
        _time.Advance(await _time.NextTimerAsync());
        Assert.Equal(3, (await action.NextAsync()).Attempt);

        Assert.All(action.Runs, r => Assert.Equal(["tls.crt", "tls.key"], r.ChangedFiles));
        Assert.InRange(first, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
        Assert.True(await Eventually.TrueAsync(() => _logs.All.Contains("action reload ran (recording) for changed files: tls.crt tls.key", StringComparison.Ordinal)), _logs.All);
        Assert.Equal(2, _logs.Lines.Count(l => l.Contains("[3102]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RetryDelays_AreDrawnFromTheInjectedRandom()
    {
        Assert.Equal(await RetryDelaysAsync(seed: 7), await RetryDelaysAsync(seed: 7));
        Assert.NotEqual(await RetryDelaysAsync(seed: 7), await RetryDelaysAsync(seed: 8));
    }

    [Fact]
    public async Task RunPastItsTimeout_FailsEachAttempt_ThenGivesUpUntilTheNextChange()
    {
        using var dir = new TestDirectory();
        var started = dir.File("started");
        var command = new CommandAction(["bash", "-c", $"echo x >> {started}; exec sleep 600"], TimeSpan.FromSeconds(5), _time, _loggers.CreateLogger<CommandAction>());
        _ = Start(command, new Debounce(TimeSpan.Zero, TimeSpan.Zero), maxRetries: 1);

        _runner!.Trigger(["app.conf"]);
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        Assert.True(await Eventually.TrueAsync(() => StartedTimes(started) == 1), "the command did not start");
        _time.Advance(TimeSpan.FromSeconds(5));
        _time.Advance(await _time.NextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        Assert.True(await Eventually.TrueAsync(() => StartedTimes(started) == 2), "the command did not start again");
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await Eventually.TrueAsync(() => _logs.All.Contains("[3103]", StringComparison.Ordinal)), _logs.All);
        Assert.Contains("action reload failed after 2 attempts, giving up until the next change: command bash ran longer than its timeout of 5s and was killed", _logs.All, StringComparison.Ordinal);
        Assert.Equal(2, _logs.Lines.Count(l => l.Contains("[3002]", StringComparison.Ordinal)));
    }

    private static int StartedTimes(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

    private Task Start(IReloadAction action, Debounce wait, int maxRetries = 4, int seed = 1)
    {
        _runner = new ActionRunner(new ActionSpec("reload", action, wait), _time, new Random(seed), _metrics, _loggers.CreateLogger("runner"), maxRetries);
        return _runner.RunAsync(_stop.Token);
    }

    private async Task<TimeSpan[]> RetryDelaysAsync(int seed)
    {
        using var stop = new CancellationTokenSource();
        var time = new TimerWatchingClock();
        var action = new RecordingAction(failures: 3);
        var runner = new ActionRunner(new ActionSpec("reload", action, new Debounce(TimeSpan.Zero, TimeSpan.Zero)), time, new Random(seed), _metrics, _loggers.CreateLogger("runner"), 3);
        _ = runner.RunAsync(stop.Token);
        runner.Trigger(["x"]);
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await action.NextAsync();
            delays.Add(await time.NextTimerAsync());
            time.Advance(delays[^1]);
        }

        await action.NextAsync();
        await stop.CancelAsync();
        return [.. delays];
    }
}
