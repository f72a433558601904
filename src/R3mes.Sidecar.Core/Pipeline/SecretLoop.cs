using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Keeps one secret fresh: refresh, tell the observers what changed, then sleep until the next refresh, a change
/// reported by a watchable source, or a forced refresh (SIGHUP). Failures back off with jitter, forever; the last
/// good files stay.
/// </summary>
internal sealed partial class SecretLoop(
    SecretSpec secret,
    SecretRefresher refresher,
    IReadOnlyList<IChangeObserver> observers,
    StatusBoard board,
    SidecarMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// The longest sleep: timers cannot wait past ~49.7 days (2^32-2 ms), and <c>refresh: 60d</c> or a ten-year
    /// certificate's re-issue point would otherwise throw and kill the loop. Waking earlier only fetches again.
    /// </summary>
    internal static readonly TimeSpan MaxSleep = TimeSpan.FromDays(30);

    private readonly WakeSignal _wake = new();

    public string Secret => secret.Name;

    public void Wake() => _wake.Set();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var watch = (secret.Source as IWatchableSource)?.Watch(Wake);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                var result = await refresher.RefreshAsync(secret, cancellationToken).ConfigureAwait(false);
                failures = 0;
                if (result.ChangedFiles.Count > 0)
                {
                    foreach (var observer in observers)
                    {
                        observer.FilesChanged(secret, result);
                    }
                }

                // A source's own hint (a lease's renewal or rotation time) already carries its jitter and must not slip.
                next = result.Freshness.RefreshAfter ?? RefreshJitter.Apply(secret.Refresh, Random.Shared);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                next = Backoff.Delay(failures, Random.Shared);
                metrics.FetchErrors.Add(1, SidecarMetrics.Tag("secret", secret.Name), SidecarMetrics.Tag("reason", FailureReason.Of(e)));
                if (e is EmptyValueException)
                {
                    metrics.EmptyValuesRefused.Add(1, SidecarMetrics.Tag("secret", secret.Name));
                }
                board.Failed(secret.Name, Failure.Describe(e));
                LogRefreshFailed(logger, secret.Name, failures, next.TotalSeconds, Failure.Describe(e));
            }

            await _wake.WaitAsync(next > MaxSleep ? MaxSleep : next, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "refreshing secret {Secret} failed ({Failures} in a row), retrying in {DelaySeconds:0.#}s; files keep their last good value: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string secret, int failures, double delaySeconds, string reason);
}
