using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>The daemon's refresh loop: one <see cref="SecretLoop"/> per secret; <see cref="RefreshAll"/> is SIGHUP.</summary>
public sealed class RefreshScheduler : BackgroundService
{
    private readonly IReadOnlyList<SecretLoop> _loops;

    public RefreshScheduler(
        SidecarPlan plan,
        SecretRefresher refresher,
        IEnumerable<IChangeObserver> observers,
        StatusBoard board,
        SidecarMetrics metrics,
        TimeProvider time,
        ILogger<RefreshScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var observerList = observers.ToArray();
        _loops = plan.Secrets.Select(s => new SecretLoop(s, refresher, observerList, board, metrics, time, logger)).ToArray();
    }

    public void RefreshAll()
    {
        foreach (var loop in _loops)
        {
            loop.Wake();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(_loops.Select(l => l.RunAsync(stoppingToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
