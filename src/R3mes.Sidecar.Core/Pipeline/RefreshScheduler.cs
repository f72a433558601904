using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// The daemon's refreshes: one <see cref="SecretRefreshLifetime"/> per secret on the <see cref="LifetimeEngine"/>;
/// <see cref="RefreshAll"/> is SIGHUP. A refresh handles its own failures; a lifetime that still dies (an exception
/// it did not expect, in a secret's refresh or any other lifetime on the engine, such as the Vault token's) is
/// logged at once, kept in <see cref="FatalFailure"/>, and stops the host, so the process exits 1 instead of
/// hanging with a stale secret.
/// </summary>
public sealed partial class RefreshScheduler : BackgroundService
{
    private readonly IReadOnlyList<SecretRefreshLifetime> _secrets;
    private readonly LifetimeEngine _engine;
    private readonly FatalFailure _fatal;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    public RefreshScheduler(
        SidecarPlan plan,
        SecretRefresher refresher,
        IEnumerable<IChangeObserver> observers,
        StatusBoard board,
        SidecarMetrics metrics,
        LifetimeEngine engine,
        Random random,
        FatalFailure fatal,
        IHostApplicationLifetime lifetime,
        ILogger<RefreshScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(engine);
        var observerList = observers.ToArray();
        _secrets = plan.Secrets.Select(s => new SecretRefreshLifetime(s, refresher, observerList, board, metrics, random, logger)).ToArray();
        (_engine, _fatal, _lifetime, _logger) = (engine, fatal, lifetime, logger);
        _engine.Faulted += OnFaulted;
    }

    public void RefreshAll()
    {
        foreach (var secret in _secrets)
        {
            secret.Entry?.Wake();
        }
    }

    public override void Dispose()
    {
        _engine.Faulted -= OnFaulted;
        foreach (var secret in _secrets)
        {
            secret.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var secret in _secrets)
        {
            secret.Entry = _engine.Schedule(secret, TimeSpan.Zero);
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stoppingToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        await Task.WhenAll(_secrets.Select(s => s.Entry?.StopAsync() ?? Task.CompletedTask)).ConfigureAwait(false);
    }

    private void OnFaulted(ILifetime lifetime, Exception exception)
    {
        var reason = Failure.Describe(exception);
        if (lifetime is SecretRefreshLifetime refresh)
        {
            LogLoopDied(_logger, refresh.Secret.Name, reason);
        }
        else
        {
            LogLifetimeDied(_logger, lifetime.Name, reason);
        }

        _fatal.Report($"{lifetime.Name} died ({reason}); {(lifetime is SecretRefreshLifetime ? "its files are" : "secrets are")} no longer kept fresh — restart the sidecar, and report this if it happens again");
        _lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 2610, Level = LogLevel.Critical, Message = "the refresh loop of secret {Secret} died: {Reason}; stopping the sidecar (exit 1)")]
    private static partial void LogLoopDied(ILogger logger, string secret, string reason);

    [LoggerMessage(EventId = 2611, Level = LogLevel.Critical, Message = "{Lifetime} died: {Reason}; stopping the sidecar (exit 1)")]
    private static partial void LogLifetimeDied(ILogger logger, string lifetime, string reason);
}
