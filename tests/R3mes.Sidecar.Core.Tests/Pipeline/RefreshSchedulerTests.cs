using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Core.Tests.Sources.Files;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>
/// A secret loop that dies must not leave the daemon hanging with the other loops: it is logged at once, kept as
/// the fatal failure (the command then exits 1), and the host is told to stop — while a healthy loop still runs.
/// </summary>
public sealed class RefreshSchedulerTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly TimerCountingTimeProvider _time = new();
    private readonly RecordingLoggerProvider _log = new();
    private readonly ILoggerFactory _factory;
    private readonly StatusBoard _board;
    private readonly SidecarMetrics _metrics;
    private readonly LifetimeEngine _engine;

    public RefreshSchedulerTests()
    {
        _factory = _log.CreateFactory();
        _board = new StatusBoard(_time);
        _metrics = new SidecarMetrics(_board, _time);
        _engine = new LifetimeEngine(_time, NullLogger<LifetimeEngine>.Instance);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _metrics.Dispose();
        _factory.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_OneLoopThrows_LoggedAtOnceFatalAndHostStoppedWhileOthersRun()
    {
        var healthy = new FakeSecretSource();
        healthy.SetFields(("a", "x"));
        var plan = Specs.Plan(
            _dir.Path,
            Specs.Secret(healthy, [Specs.Field("a", "a")], name: "healthy"),
            Specs.Secret(new ThrowingWatchSource(), [Specs.Field("b", null)], name: "broken"));
        var fatal = new FatalFailure();
        var lifetime = new StoppingLifetime();
        using var scheduler = Scheduler(plan, fatal, lifetime);

        await scheduler.StartAsync(CancellationToken.None);
        await lifetime.Stopped.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(
            "the refresh loop of secret 'broken' died (InvalidOperationException: watch exploded); its files are no longer kept fresh — restart the sidecar, and report this if it happens again",
            fatal.Message);
        var critical = Assert.Single(_log.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("the refresh loop of secret broken died: InvalidOperationException: watch exploded; stopping the sidecar (exit 1)", critical, StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(() => File.Exists(_dir.File("a"))), "the healthy secret was never written");
        Assert.Equal("x", File.ReadAllText(_dir.File("a")));
        Assert.False(scheduler.ExecuteTask!.IsCompleted, "the healthy loop keeps running until the host stops it");

        await scheduler.StopAsync(CancellationToken.None);
        Assert.True(scheduler.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ExecuteAsync_RefreshLongerThanATimerCanWait_SleepsAtMost30DaysAndKeepsRunning()
    {
        var source = new FakeSecretSource();
        source.SetFields(("a", "x"));
        var secret = Specs.Secret(source, [Specs.Field("a", "a")], name: "yearly") with { Refresh = TimeSpan.FromDays(60) };
        var plan = Specs.Plan(_dir.Path, secret);
        var fatal = new FatalFailure();
        using var scheduler = Scheduler(plan, fatal, new StoppingLifetime());

        await scheduler.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => source.Fetches == 1 && _engine.Idle), "no first fetch");
        _time.Advance(TimeSpan.FromDays(30));
        Assert.True(await Eventually.TrueAsync(() => source.Fetches == 2), "no second fetch after 30 days");

        Assert.Null(fatal.Message);
        Assert.False(scheduler.ExecuteTask!.IsCompleted);
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Report_SecondFailure_FirstKept()
    {
        var fatal = new FatalFailure();

        Assert.True(fatal.Report("first"));
        Assert.False(fatal.Report("second"));
        Assert.Equal("first", fatal.Message);
    }

    private RefreshScheduler Scheduler(SidecarPlan plan, FatalFailure fatal, StoppingLifetime lifetime) =>
        new(
            plan,
            new SecretRefresher(plan, _board, _metrics, NullLogger<SecretRefresher>.Instance),
            [],
            _board,
            _metrics,
            _engine,
            new Random(7),
            fatal,
            lifetime,
            _factory.CreateLogger<RefreshScheduler>());
}
