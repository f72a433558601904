using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Hosting;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// The daemon in-process, on a <see cref="FakeTimeProvider"/> and a seeded <see cref="Random"/>: the product's own
/// composition (<see cref="CompositionRoot.Compose"/> in <c>run</c> mode — the plan built from YAML, then the host with
/// the <see cref="RefreshScheduler"/>, the Vault token keeper and every other daemon service on one
/// <see cref="LifetimeEngine"/>), given only the clock, the Random and a log sink. Nothing waits on the wall clock: the
/// test moves the fake clock to the engine's next due time and waits until the engine is idle again, so five minutes
/// of backoff cost nothing. Backend calls are real (loopback HTTP to an emulator, through a fault proxy).
/// </summary>
internal sealed class FakeClockSidecar : IAsyncDisposable
{
    private readonly SidecarApp _app;

    private FakeClockSidecar(SidecarApp app, ClockedLog log)
    {
        (_app, Log) = (app, log);
        Engine = app.Host.Services.GetRequiredService<LifetimeEngine>();
        Board = app.Host.Services.GetRequiredService<StatusBoard>();
    }

    public SidecarPlan Plan => _app.Plan;

    public LifetimeEngine Engine { get; }

    /// <summary>Everything the sidecar logged, each entry with the fake time it was logged at.</summary>
    public ClockedLog Log { get; }

    public StatusBoard Board { get; }

    /// <summary>Composes the daemon from <paramref name="yaml"/> (relative paths against <paramref name="directory"/>) and starts its host.</summary>
    public static async Task<FakeClockSidecar> StartAsync(string yaml, string directory, FakeTimeProvider clock, int seed)
    {
        var log = new ClockedLog(clock);
        var configuration = new ConfigurationBuilder().AddSidecarConfigurationText(yaml, "test").Build();
        var app = CompositionRoot.Compose(configuration, directory, "test", SidecarMode.Run, child: null, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(new Random(seed));
            services.AddLogging(logging => logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        });
        try
        {
            await app.Host.StartAsync(CancellationToken.None);
            var sidecar = new FakeClockSidecar(app, log);
            await sidecar.IdleAsync();
            return sidecar;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves <paramref name="clock"/> to the earliest time any of <paramref name="sidecars"/> has a run due and waits
    /// until they are all idle again; returns the new time.
    /// </summary>
    public static async Task<DateTimeOffset> StepAsync(FakeTimeProvider clock, IReadOnlyList<FakeClockSidecar> sidecars)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sidecars);
        var due = sidecars.Select(s => s.Engine.NextDue).OfType<DateTimeOffset>().DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        Assert.True(due != DateTimeOffset.MaxValue, "nothing is scheduled on the engines");
        if (due > clock.GetUtcNow())
        {
            clock.SetUtcNow(due);
        }

        foreach (var sidecar in sidecars)
        {
            await sidecar.IdleAsync();
        }

        return clock.GetUtcNow();
    }

    /// <summary>What the board says about <paramref name="secret"/> now.</summary>
    public SecretStatus Status(string secret) => Board.Snapshot().Single(s => s.Name == secret);

    /// <summary>
    /// Waits (real time, 20 s at most) until every run due so far has finished and said when it runs next. Polls
    /// every millisecond: a run against a refused port takes about that long, and an outage is hundreds of steps.
    /// </summary>
    public async Task IdleAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!Engine.Idle)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Eventually.DefaultTimeout, $"the engine never went idle ({Engine.Running} run(s) in progress)");
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.Host.StopAsync(CancellationToken.None);
        _app.Dispose();
    }
}
