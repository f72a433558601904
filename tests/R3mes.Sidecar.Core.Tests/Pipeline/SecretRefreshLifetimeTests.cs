using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>
/// When a secret is refreshed, on a fake clock with a seeded <see cref="Random"/>: after its jittered <c>refresh</c>,
/// after the source's own hint, after a jittered backoff while failing, never more than 30 days apart, and at once
/// when a watchable source reports a change. Each expected instant is computed from the same seed, to the tick.
/// </summary>
public sealed class SecretRefreshLifetimeTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly StatusBoard _board;
    private readonly SidecarMetrics _metrics;
    private readonly LifetimeEngine _engine;

    public SecretRefreshLifetimeTests()
    {
        _board = new StatusBoard(_time);
        _metrics = new SidecarMetrics(_board, _time);
        _engine = new LifetimeEngine(_time, NullLogger<LifetimeEngine>.Instance);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _metrics.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Refresh_Interval_NextFetchAtTheJitteredIntervalToTheTick()
    {
        var source = Source();
        var expected = RefreshJitter.Apply(TimeSpan.FromMinutes(5), new Random(11));
        Begin(source, TimeSpan.FromMinutes(5), new Random(11));
        await IdleAsync();
        Assert.Equal(1, source.Fetches);

        await AdvanceAsync(expected - TimeSpan.FromTicks(1));
        Assert.Equal(1, source.Fetches);
        await AdvanceAsync(TimeSpan.FromTicks(1));

        Assert.Equal(2, source.Fetches);
        Assert.NotEqual(TimeSpan.FromMinutes(5), expected);
        Assert.InRange(expected.TotalSeconds, 270, 330);
    }

    [Fact]
    public async Task Refresh_SourceHint_OverridesTheInterval()
    {
        var source = Source();
        source.Data = new SecretData(null, source.Data.Fields, new Freshness { RefreshAfter = TimeSpan.FromSeconds(5) });
        Begin(source, TimeSpan.FromHours(1), new Random(1));
        await IdleAsync();

        await AdvanceAsync(TimeSpan.FromSeconds(4.999));
        Assert.Equal(1, source.Fetches);
        await AdvanceAsync(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task Refresh_Failing_BacksOffExponentiallyWithTheInjectedJitterThenRecovers()
    {
        var source = Source();
        source.Failure = new SecretSourceException("backend down");
        var seeded = new Random(5);
        var delays = Enumerable.Range(1, 4).Select(n => Backoff.Delay(n, seeded)).ToArray();
        Begin(source, TimeSpan.FromSeconds(1), new Random(5));
        await IdleAsync();

        foreach (var delay in delays)
        {
            var before = source.Fetches;
            await AdvanceAsync(delay - TimeSpan.FromTicks(1));
            Assert.Equal(before, source.Fetches);
            await AdvanceAsync(TimeSpan.FromTicks(1));
            Assert.Equal(before + 1, source.Fetches);
        }

        Assert.Equal(5, _board.Snapshot().Single().Failures);
        source.Failure = null;
        await AdvanceAsync(Backoff.Delay(5, seeded));
        Assert.Equal(6, source.Fetches);
        Assert.True(File.Exists(_dir.File("a")));
        Assert.InRange(delays[3].TotalSeconds, 8 * 0.8, 8 * 1.2);
    }

    [Fact]
    public async Task Refresh_HintLongerThanATimerCanWait_ChecksAgainAfter30Days()
    {
        var source = Source();
        source.Data = new SecretData(null, source.Data.Fields, new Freshness { RefreshAfter = TimeSpan.FromDays(3650) });
        Begin(source, TimeSpan.FromSeconds(1), new Random(1));
        await IdleAsync();

        await AdvanceAsync(TimeSpan.FromDays(30) - TimeSpan.FromTicks(1));
        Assert.Equal(1, source.Fetches);
        await AdvanceAsync(TimeSpan.FromTicks(1));

        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task Watch_SourceReportsAChange_RefreshesNowNotAtTheInterval()
    {
        var source = new WatchedSource();
        source.SetFields(("a", "x"));
        Begin(source, TimeSpan.FromHours(1), new Random(1));
        await IdleAsync();
        Assert.Equal(1, source.Fetches);

        source.SetFields(("a", "y"));
        source.Changed!();
        await IdleAsync();

        Assert.Equal(2, source.Fetches);
        Assert.Equal("y", File.ReadAllText(_dir.File("a")));
        Assert.Equal(Start, _time.GetUtcNow());
    }

    private FakeSecretSource Source()
    {
        var source = new FakeSecretSource();
        source.SetFields(("a", "x"));
        return source;
    }

    private void Begin(ISecretSource source, TimeSpan refresh, Random random)
    {
        var secret = Specs.Secret(source, [Specs.Field("a", "a")]) with { Refresh = refresh };
        var plan = Specs.Plan(_dir.Path, secret);
        var refresher = new SecretRefresher(plan, _board, _metrics, NullLogger<SecretRefresher>.Instance);
        var lifetime = new SecretRefreshLifetime(secret, refresher, [], _board, _metrics, random, NullLogger.Instance);
        lifetime.Entry = _engine.Schedule(lifetime, TimeSpan.Zero);
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await IdleAsync();
    }

    private async Task IdleAsync() =>
        Assert.True(await Eventually.TrueAsync(() => _engine.Idle), "a refresh did not finish");

    /// <summary>A source that reports changes through the callback it was given.</summary>
    private sealed class WatchedSource : ISecretSource, IWatchableSource
    {
        private SecretData _data = new(null, null, Freshness.Unknown);
        private int _fetches;

        public Action? Changed { get; private set; }

        public int Fetches => Volatile.Read(ref _fetches);

        public string Description => "watched";

        public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetches);
            return ValueTask.FromResult(_data);
        }

        public IDisposable Watch(Action changed)
        {
            Changed = changed;
            return new CancellationTokenSource();
        }

        public void SetFields(params (string Name, string Value)[] fields) =>
            _data = new SecretData(null, fields.ToDictionary(f => f.Name, f => SecretValue.FromUtf8(f.Value), StringComparer.Ordinal), Freshness.Unknown);
    }
}
