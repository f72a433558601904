using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Actions.Running;

/// <summary>
/// Runs one action at most once per debounce window: every trigger restarts the quiet period (<c>wait.min</c>),
/// but no trigger waits longer than <c>wait.max</c>. The files of all triggers in a window are merged into one run.
/// A failed run is retried with backoff (the one retry policy for every action kind), then logged and counted;
/// it never stops the sidecar.
/// </summary>
internal sealed partial class ActionRunner
{
    private readonly ActionSpec _spec;
    private readonly TimeProvider _time;
    private readonly SidecarMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly WakeSignal _wake = new();
    private readonly SortedSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset? _firstTrigger;
    private DateTimeOffset _lastTrigger;

    /// <param name="random">Draws the retry jitter (injected like time, so tests pin it).</param>
    public ActionRunner(ActionSpec spec, TimeProvider time, Random random, SidecarMetrics metrics, ILogger logger, int maxRetries = 4)
    {
        ArgumentNullException.ThrowIfNull(random);
        _spec = spec;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = random.NextDouble,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                OnRetry = args =>
                {
                    LogRetrying(_logger, _spec.Name, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "");
                    return default;
                },
            })
            .Build();
    }

    public void Trigger(IEnumerable<string> files)
    {
        lock (_gate)
        {
            _pending.UnionWith(files);
            _lastTrigger = _time.GetUtcNow();
            _firstTrigger ??= _lastTrigger;
        }

        _wake.Set();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (Due() - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
            {
                await _wake.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            string[] files;
            lock (_gate)
            {
                files = [.. _pending];
                _pending.Clear();
                _firstTrigger = null;
            }

            // A trigger that landed while the last wait was ending leaves the signal set with its files already
            // taken by that run: nothing is left to tell.
            if (files.Length == 0)
            {
                continue;
            }

            await RunOnceAsync(files, cancellationToken).ConfigureAwait(false);
        }
    }

    private DateTimeOffset Due()
    {
        lock (_gate)
        {
            var quiet = _lastTrigger + _spec.Wait.Min;
            var latest = (_firstTrigger ?? _lastTrigger) + _spec.Wait.Max;
            return quiet < latest ? quiet : latest;
        }
    }

    private async Task RunOnceAsync(string[] files, CancellationToken cancellationToken)
    {
        var attempt = 0;
        try
        {
            await _retry.ExecuteAsync(
                async token =>
                {
                    attempt++;
                    await _spec.Action.RunAsync(new ActionRun(_spec.Name, files, attempt), token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            _metrics.ActionRuns.Add(1, SidecarMetrics.Tag("action", _spec.Name), SidecarMetrics.Tag("result", "success"));
            LogRan(_logger, _spec.Name, _spec.Action.Description, string.Join(' ', files));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _metrics.ActionRuns.Add(1, SidecarMetrics.Tag("action", _spec.Name), SidecarMetrics.Tag("result", "failure"));
            LogGaveUp(_logger, _spec.Name, attempt, e.Message);
        }
    }
}
