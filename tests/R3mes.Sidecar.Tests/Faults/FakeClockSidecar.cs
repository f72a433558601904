using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Vault;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// The daemon's refresh pipeline in-process, on a <see cref="FakeTimeProvider"/> and a seeded <see cref="Random"/>:
/// the product's registrations (<c>AddSidecarCore().AddVault(daemon: true)</c>, as the composition root makes them),
/// the plan built from YAML, the <see cref="RefreshScheduler"/> and the daemon's hosted services (the Vault token
/// keeper) on one <see cref="LifetimeEngine"/>. Nothing waits on the wall clock: the test moves the fake clock to
/// the engine's next due time and waits until the engine is idle again, so five minutes of backoff cost nothing.
/// Backend calls are real (loopback HTTP to an emulator, through a fault proxy).
/// </summary>
internal sealed class FakeClockSidecar : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private FakeClockSidecar(ServiceProvider services, IHostedService[] hosted, SidecarPlan plan, ClockedLog log)
    {
        (_services, _hosted, Plan, Log) = (services, hosted, plan, log);
        Engine = services.GetRequiredService<LifetimeEngine>();
        Board = services.GetRequiredService<StatusBoard>();
    }

    public SidecarPlan Plan { get; }

    public LifetimeEngine Engine { get; }

    /// <summary>Everything the sidecar logged, each entry with the fake time it was logged at.</summary>
    public ClockedLog Log { get; }

    public StatusBoard Board { get; }

    /// <summary>Builds the plan from <paramref name="yaml"/> (relative paths against <paramref name="directory"/>) and starts the daemon's services.</summary>
    public static async Task<FakeClockSidecar> StartAsync(string yaml, string directory, FakeTimeProvider clock, int seed)
    {
        var log = new ClockedLog(clock);
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton(new Random(seed));
        collection.AddSingleton<IHostApplicationLifetime>(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
        collection.AddSidecarCore().AddVault(daemon: true);
        // The plan is built by the container's own plan builder, then handed to what the host makes from it.
        SidecarPlan? built = null;
        collection.AddSingleton(_ => built ?? throw new InvalidOperationException("the plan is not built yet"));
        var services = collection.BuildServiceProvider();
        try
        {
            var plan = built = services.GetRequiredService<SidecarPlanBuilder>().Build(new ConfigurationBuilder().AddSidecarConfigurationText(yaml, "test").Build(), directory);
            var board = services.GetRequiredService<StatusBoard>();
            foreach (var secret in plan.Secrets)
            {
                board.Track(secret, plan.Output.Directory);
            }

            var scheduler = ActivatorUtilities.CreateInstance<RefreshScheduler>(services);
            IHostedService[] hosted = [.. services.GetServices<IHostedService>(), scheduler];
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            var sidecar = new FakeClockSidecar(services, hosted, plan, log);
            await sidecar.IdleAsync();
            return sidecar;
        }
        catch
        {
            await services.DisposeAsync();
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
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
