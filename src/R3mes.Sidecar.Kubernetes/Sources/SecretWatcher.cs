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
/// changes. Failures back off with jitter (injected clock and random); this loop is the only retry layer.
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
    private string? _fault;
    private Task? _run;

    public SecretWatcher(KubernetesRuntime kubernetes, SecretReference secret, Action changed, ILogger logger)
    {
        _kubernetes = kubernetes;
        _secret = secret;
        _changed = changed;
        _logger = logger;
    }

    /// <summary>The loop, for tests to await after <see cref="Dispose"/>.</summary>
    internal Task Running => _run ?? Task.CompletedTask;

    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>The current state once the first list answered; throws while the watch cannot reach or is refused by the server.</summary>
    public async Task<SecretSnapshot> CurrentAsync(string description, CancellationToken cancellationToken)
    {
        await _answered.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _fault is null ? _snapshot! : throw new SecretSourceException($"{description}: {_fault}; the files keep their last value");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var name = _secret.ToString();
        string? resourceVersion = null;
        var failures = 0;
        var listedWithoutEvents = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var streaming = false;
            try
            {
                var client = _kubernetes.Client;
                var ns = _kubernetes.NamespaceOf(_secret);
                name = $"{ns}/{_secret.Name}";
                if (resourceVersion is null)
                {
                    var list = await client.ListSecretAsync(ns, _secret.Name, cancellationToken).ConfigureAwait(false);
                    resourceVersion = list.Metadata?.ResourceVersion is { Length: > 0 } listed ? listed
                        : throw new KubernetesApiException(0, null, "the list carries no resourceVersion");
                    var item = list.Items?.FirstOrDefault(i => i.Metadata?.Name == _secret.Name);
                    Publish(item is null ? SecretSnapshot.Absent(null) : SecretSnapshot.Of(item), fault: null);
                    Log.Listed(_logger, name, resourceVersion, item is null ? "no such Secret" : "found");
                    listedWithoutEvents = true;
                }

                var timeout = MinWatchTimeout * (1 + _kubernetes.Random.NextDouble());
                var started = _kubernetes.Time.GetTimestamp();
                var events = 0;
                await using (var stream = await client.WatchSecretAsync(ns, _secret.Name, resourceVersion, timeout, cancellationToken).ConfigureAwait(false))
                {
                    Log.Watching(_logger, name, resourceVersion);
                    Publish(null, fault: null);
                    streaming = true;
                    while (await stream.NextAsync().ConfigureAwait(false) is { } watchEvent)
                    {
                        resourceVersion = Follow(name, watchEvent) ?? resourceVersion;
                        (events, failures, listedWithoutEvents) = (events + 1, 0, false);
                    }
                }

                Log.WatchEnded(_logger, name, resourceVersion);
                if (events == 0 && _kubernetes.Time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
                {
                    // A server that ends every watch at once must not make this a busy loop.
                    failures++;
                    await Task.Delay(Backoff.Delay(failures, _kubernetes.Random, FirstBackoff, MaxBackoff), _kubernetes.Time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (KubernetesApiException e) when (e.IsGone && !listedWithoutEvents)
            {
                Log.Expired(_logger, name, resourceVersion ?? "?");
                resourceVersion = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = Backoff.Delay(failures, _kubernetes.Random, FirstBackoff, MaxBackoff);
                var reason = Describe(e);
                Log.WatchFailed(_logger, name, streaming ? "the watch stream" : resourceVersion is null ? "listing" : "watching", failures, delay.TotalSeconds, reason);
                if (e is KubernetesApiException { IsGone: true })
                {
                    resourceVersion = null;
                }

                if (!streaming)
                {
                    // Refused or unreachable (not a stream that broke after it was working): the secret's status shows it.
                    Publish(null, reason);
                }

                await Task.Delay(delay, _kubernetes.Time, cancellationToken).ConfigureAwait(false);
            }
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
    private void Publish(SecretSnapshot? snapshot, string? fault)
    {
        bool changed;
        lock (_gate)
        {
            changed = !string.Equals(_fault, fault, StringComparison.Ordinal)
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
