using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Keeps one secret fresh on the <see cref="LifetimeEngine"/>: each run refreshes and tells the observers what
/// changed, then says when to run next — after <c>refresh</c> (jittered), the source's own hint, or a backoff after
/// a failure, forever; the last good files stay. A watchable source's change and SIGHUP wake it (the engine runs it
/// now, or once more after a run in progress).
/// </summary>
internal sealed partial class SecretRefreshLifetime(
    SecretSpec secret,
    SecretRefresher refresher,
    IReadOnlyList<IChangeObserver> observers,
    StatusBoard board,
    SidecarMetrics metrics,
    Random random,
    ILogger logger) : ILifetime, IDisposable
{
    /// <summary>
    /// The longest wait between refreshes: <c>refresh: 60d</c> or a ten-year certificate's re-issue point are checked
    /// at least every 30 days. Waking earlier only fetches again.
    /// </summary>
    internal static readonly TimeSpan MaxSleep = TimeSpan.FromDays(30);

    private IDisposable? _watch;
    private bool _watching;
    private int _failures;

    public SecretSpec Secret => secret;

    public string Name => $"the refresh loop of secret '{secret.Name}'";

    /// <summary>The engine entry, set once scheduled; a watchable source's change wakes it.</summary>
    public LifetimeEntry? Entry { get; set; }

    public async ValueTask<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        if (!_watching)
        {
            _watching = true;
            _watch = (secret.Source as IWatchableSource)?.Watch(() => Entry?.Wake());
        }

        TimeSpan next;
        try
        {
            var result = await refresher.RefreshAsync(secret, cancellationToken).ConfigureAwait(false);
            _failures = 0;
            if (result.ChangedFiles.Count > 0)
            {
                foreach (var observer in observers)
                {
                    observer.FilesChanged(secret, result);
                }
            }

            // A source's own hint (a lease's rotation time) already carries its jitter and must not slip.
            next = result.Freshness.RefreshAfter ?? RefreshJitter.Apply(secret.Refresh, random);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _failures++;
            next = Backoff.Delay(_failures, random);
            metrics.FetchErrors.Add(1, SidecarMetrics.Tag("secret", secret.Name), SidecarMetrics.Tag("reason", FailureReason.Of(e)));
            if (e is EmptyValueException)
            {
                metrics.EmptyValuesRefused.Add(1, SidecarMetrics.Tag("secret", secret.Name));
            }

            board.Failed(secret.Name, Failure.Describe(e));
            LogRefreshFailed(logger, secret.Name, _failures, next.TotalSeconds, Failure.Describe(e));
        }

        return next > MaxSleep ? MaxSleep : next;
    }

    public void Dispose() => _watch?.Dispose();

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "refreshing secret {Secret} failed ({Failures} in a row), retrying in {DelaySeconds:0.#}s; files keep their last good value: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string secret, int failures, double delaySeconds, string reason);
}
