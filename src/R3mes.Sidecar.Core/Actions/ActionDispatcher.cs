using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Actions;

/// <summary>Routes changed files to the actions their secret names in <c>on_change</c>; one runner loop per action.</summary>
public sealed class ActionDispatcher : BackgroundService, IChangeObserver
{
    private readonly Dictionary<string, ActionRunner> _runners;
    private readonly ActionRunner[] _everyChange;

    public ActionDispatcher(SidecarPlan plan, IEnumerable<EveryChangeAction> everyChange, TimeProvider time, SidecarMetrics metrics, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger<ActionDispatcher>();
        _runners = plan.Actions.Values.ToDictionary(a => a.Name, a => new ActionRunner(a, time, metrics, logger), StringComparer.Ordinal);
        _everyChange = everyChange.Select(a => new ActionRunner(a.Spec, time, metrics, logger)).ToArray();
    }

    public void FilesChanged(SecretSpec secret, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(secret);
        foreach (var name in secret.OnChange)
        {
            _runners[name].Trigger(files);
        }

        foreach (var runner in _everyChange)
        {
            runner.Trigger(files);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_runners.Values.Concat(_everyChange).Select(r => Quietly(r.RunAsync(stoppingToken))));

    private static async Task Quietly(Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
