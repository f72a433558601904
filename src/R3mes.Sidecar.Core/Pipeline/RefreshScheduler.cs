using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// The daemon's refresh loop: one <see cref="SecretLoop"/> per secret; <see cref="RefreshAll"/> is SIGHUP. A loop
/// handles its own refresh failures; one that still dies (an exception it did not expect) is logged at once, kept
/// in <see cref="FatalFailure"/>, and stops the host, so the process exits 1 instead of hanging with a stale secret.
/// </summary>
public sealed partial class RefreshScheduler : BackgroundService
{
    private readonly IReadOnlyList<SecretLoop> _loops;
    private readonly FatalFailure _fatal;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    public RefreshScheduler(
        SidecarPlan plan,
        SecretRefresher refresher,
        IEnumerable<IChangeObserver> observers,
        StatusBoard board,
        SidecarMetrics metrics,
        TimeProvider time,
        FatalFailure fatal,
        IHostApplicationLifetime lifetime,
        ILogger<RefreshScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var observerList = observers.ToArray();
        _loops = plan.Secrets.Select(s => new SecretLoop(s, refresher, observerList, board, metrics, time, logger)).ToArray();
        (_fatal, _lifetime, _logger) = (fatal, lifetime, logger);
    }

    public void RefreshAll()
    {
        foreach (var loop in _loops)
        {
            loop.Wake();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_loops.Select(l => GuardAsync(l, stoppingToken)));

    private async Task GuardAsync(SecretLoop loop, CancellationToken stoppingToken)
    {
        try
        {
            await loop.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            var reason = Failure.Describe(e);
            LogLoopDied(_logger, loop.Secret, reason);
            _fatal.Report($"the refresh loop of secret '{loop.Secret}' died ({reason}); its files are no longer kept fresh — restart the sidecar, and report this if it happens again");
            _lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 2610, Level = LogLevel.Critical, Message = "the refresh loop of secret {Secret} died: {Reason}; stopping the sidecar (exit 1)")]
    private static partial void LogLoopDied(ILogger logger, string secret, string reason);
}
