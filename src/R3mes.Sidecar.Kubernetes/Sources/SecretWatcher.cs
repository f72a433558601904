using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Kubernetes.Client;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>
/// Keeps one Secret's state current by list + watch (the reflector pattern, see docs/kubernetes-watch.md): list
/// (scoped to the name) for the state and the resource version, watch from there with bookmarks, follow each event,
/// watch again from the last resource version when the stream ends or breaks, list again on 410 Gone (an HTTP
/// status or an ERROR event). Calls <c>changed</c> whenever the Secret's content, existence or the watch's health
/// changes. A failed pass is tried again on a <see cref="TimeProvider"/> timer after a <see cref="Backoff"/> delay
/// (injected clock and random), never by sleeping; this is the only retry layer. The failure is kept with its
/// exception, so a fetch reports why (<see cref="Diagnostics.FailureReason"/>: denied, throttled, unreachable…).
/// </summary>
internal sealed class SecretWatcher : IDisposable
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Server-side watch timeout: 5–10 minutes, random, so many sidecars do not re-watch in step.</summary>
    public static readonly TimeSpan MinWatchTimeout = TimeSpan.FromMinutes(5);

    private readonly KubernetesRuntime _kubernetes;
    private readonly SecretReference _secret;
    private readonly Action _changed;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private SecretSnapshot? _snapshot;
    private WatchFault? _fault;
    private ITimer? _retry;
    private bool _disposed;

    // The pass's position, carried from one pass to the next (passes never overlap: the next is started by the last).
    private string? _resourceVersion;
    private int _failures;
    private bool _listedWithoutEvents;

    public SecretWatcher(KubernetesRuntime kubernetes, SecretReference secret, Action changed, ILogger logger)
    {
        _kubernetes = kubernetes;
        _secret = secret;
        _changed = changed;
        _logger = logger;
    }

    public void Start() => Pass();

    /// <summary>The current state once the first list answered; throws while the watch cannot reach or is refused by the server.</summary>
    public async Task<SecretSnapshot> CurrentAsync(string description, CancellationToken cancellationToken)
    {
        await _answered.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _fault is { } fault
                ? throw new SecretSourceException($"{description}: {fault.Reason}; the files keep their last value", fault.Error)
                : _snapshot!;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _retry?.Dispose();
        }

        _stop.Cancel();
        _stop.Dispose();
    }

    /// <summary>Starts a pass now on the thread pool (unless disposed); the timer's callback after a backoff.</summary>
    private void Pass()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _ = Task.Run(() => PassAsync(_stop.Token));
            }
        }
    }

    /// <summary>Arms a one-shot timer for the next pass (a fresh one each time: the clock's timer count tells tests a backoff began).</summary>
    private void PassAfter(TimeSpan delay)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _retry?.Dispose();
            _retry = _kubernetes.Time.CreateTimer(_ => Pass(), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Lists (when no resource version is known) and watches, again at once while streams end cleanly; on a failure, backs off.</summary>
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await StepAsync(cancellationToken).ConfigureAwait(false) is { } delay)
            {
                PassAfter(delay);
                return;
            }
        }
    }

    /// <summary>One list and/or watch; returns the backoff before the next, or null to go on at once.</summary>
    private async Task<TimeSpan?> StepAsync(CancellationToken cancellationToken)
    {
        var name = _secret.ToString();
        var streaming = false;
        try
        {
            var client = _kubernetes.Client;
            var ns = _kubernetes.NamespaceOf(_secret);
            name = $"{ns}/{_secret.Name}";
            if (_resourceVersion is null)
            {
                var list = await client.ListSecretAsync(ns, _secret.Name, cancellationToken).ConfigureAwait(false);
                _resourceVersion = list.Metadata?.ResourceVersion is { Length: > 0 } listed ? listed
                    : throw new KubernetesApiException(0, null, "the list carries no resourceVersion");
                var item = list.Items?.FirstOrDefault(i => i.Metadata?.Name == _secret.Name);
                Publish(item is null ? SecretSnapshot.Absent(null) : SecretSnapshot.Of(item), fault: null);
                Log.Listed(_logger, name, _resourceVersion, item is null ? "no such Secret" : "found");
                _listedWithoutEvents = true;
            }

            var timeout = MinWatchTimeout * (1 + _kubernetes.Random.NextDouble());
            var started = _kubernetes.Time.GetTimestamp();
            var events = 0;
            await using (var stream = await client.WatchSecretAsync(ns, _secret.Name, _resourceVersion, timeout, cancellationToken).ConfigureAwait(false))
            {
                Log.Watching(_logger, name, _resourceVersion);
                Publish(null, fault: null);
                streaming = true;
                while (await stream.NextAsync().ConfigureAwait(false) is { } watchEvent)
                {
                    _resourceVersion = Follow(name, watchEvent) ?? _resourceVersion;
                    (events, _failures, _listedWithoutEvents) = (events + 1, 0, false);
                }
            }

            Log.WatchEnded(_logger, name, _resourceVersion);
            // A server that ends every watch at once must not make this a busy loop.
            return events == 0 && _kubernetes.Time.GetElapsedTime(started) < TimeSpan.FromSeconds(1)
                ? Backoff.Delay(++_failures, _kubernetes.Random, FirstBackoff, MaxBackoff)
                : null;
        }
        catch (KubernetesApiException e) when (e.IsGone && !_listedWithoutEvents)
        {
            Log.Expired(_logger, name, _resourceVersion ?? "?");
            _resourceVersion = null;
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var delay = Backoff.Delay(++_failures, _kubernetes.Random, FirstBackoff, MaxBackoff);
            var reason = Describe(e);
            Log.WatchFailed(_logger, name, streaming ? "the watch stream" : _resourceVersion is null ? "listing" : "watching", _failures, delay.TotalSeconds, reason);
            if (e is KubernetesApiException { IsGone: true })
            {
                _resourceVersion = null;
            }

            if (!streaming)
            {
                // Refused or unreachable (not a stream that broke after it was working): the secret's status shows it.
                Publish(null, new WatchFault(reason, e));
            }

            return delay;
        }
    }

    /// <summary>Applies one event; returns the resource version it moves the watch to.</summary>
    private string? Follow(string name, WatchEvent watchEvent)
    {
        switch (watchEvent.Type)
        {
            case WatchEventType.Added or WatchEventType.Modified when watchEvent.Secret is { } secret:
                Log.Changed(_logger, name, watchEvent.Type.ToString(), watchEvent.ResourceVersion ?? "?");
                Publish(SecretSnapshot.Of(secret), fault: null);
                return watchEvent.ResourceVersion;
            case WatchEventType.Deleted:
                Log.Changed(_logger, name, "Deleted", watchEvent.ResourceVersion ?? "?");
                Publish(SecretSnapshot.Absent(watchEvent.ResourceVersion), fault: null);
                return watchEvent.ResourceVersion;
            case WatchEventType.Bookmark:
                return watchEvent.ResourceVersion;
            case WatchEventType.Error:
                var status = watchEvent.Status;
                throw new KubernetesApiException(status?.Code ?? 0, status?.Reason, $"the watch ended with an error: {status?.Code} {status?.Reason}: {status?.Message}");
            default:
                throw new KubernetesApiException(0, null, "the watch sent an event without an object");
        }
    }

    /// <summary>Records a new state (when <paramref name="snapshot"/> is set) and the fault; wakes the loop when either changed.</summary>
    private void Publish(SecretSnapshot? snapshot, WatchFault? fault)
    {
        bool changed;
        lock (_gate)
        {
            changed = !string.Equals(_fault?.Reason, fault?.Reason, StringComparison.Ordinal)
                || (snapshot is not null && (_snapshot is null || !_snapshot.SameContent(snapshot)));
            _fault = fault;
            _snapshot = snapshot ?? _snapshot;
        }

        if (snapshot is not null || fault is not null)
        {
            _answered.TrySetResult();
        }

        if (changed)
        {
            _changed();
        }
    }

    private static string Describe(Exception e) => e switch
    {
        KubernetesApiException or ServiceAccountTokenException or SecretSourceException => e.Message,
        HttpRequestException http => $"cannot reach the API server: {http.HttpRequestError}",
        IOException => "the connection to the API server broke",
        _ => Failure.Describe(e),
    };
}
