using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Actions.Running;

/// <summary>
/// Routes changed files to the actions their secret names in <c>on_change</c>; one runner loop per action. Files
/// this process created (they did not exist before its first write: a cold start) run only actions with
/// <c>on_first_render: true</c> — the consumer has not read them, and may not even be running yet. The exec child
/// (an <see cref="EveryChangeAction"/>) hears every change.
/// </summary>
public sealed partial class ActionDispatcher : BackgroundService, IChangeObserver
{
    private readonly Dictionary<string, ActionRunner> _runners;
    private readonly Dictionary<string, ActionSpec> _specs;
    private readonly ActionRunner[] _everyChange;
    private readonly ILogger _logger;

    public ActionDispatcher(SidecarPlan plan, IEnumerable<EveryChangeAction> everyChange, TimeProvider time, Random random, SidecarMetrics metrics, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger<ActionDispatcher>();
        _specs = plan.Actions.Values.ToDictionary(a => a.Name, StringComparer.Ordinal);
        _runners = plan.Actions.Values.ToDictionary(a => a.Name, a => new ActionRunner(a, time, random, metrics, _logger), StringComparer.Ordinal);
        _everyChange = everyChange.Select(a => new ActionRunner(a.Spec, time, random, metrics, _logger)).ToArray();
    }

    public void FilesChanged(SecretSpec secret, RefreshResult result)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(result);
        var existing = result.ChangedFiles.Except(result.CreatedFiles, StringComparer.Ordinal).ToArray();
        foreach (var name in secret.OnChange)
        {
            var files = _specs[name].OnFirstRender ? result.ChangedFiles : existing;
            if (files.Count > 0)
            {
                _runners[name].Trigger(files);
            }
            else
            {
                LogFirstRenderSkipped(_logger, name, secret.Name);
            }
        }

        foreach (var runner in _everyChange)
        {
            runner.Trigger(result.ChangedFiles);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_runners.Values.Concat(_everyChange).Select(r => Quietly(r.RunAsync(stoppingToken))));

    [LoggerMessage(EventId = 3110, Level = LogLevel.Debug, Message = "action {Action} not run: secret {Secret} was rendered for the first time by this start (set on_first_render: true to run it)")]
    private static partial void LogFirstRenderSkipped(ILogger logger, string action, string secret);

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
