using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Kubernetes.Client;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>
/// One Secret object; its <c>data</c> keys are the fields. Watched (<see cref="Watch"/>, the daemon), a fetch returns
/// the watch's current state without a request, so a change reaches the files as soon as the event arrives; not
/// watched (<c>once</c>, <c>exec</c>'s first render), a fetch lists the Secret by name.
/// </summary>
internal sealed class KubernetesSource(KubernetesRuntime kubernetes, SecretReference secret, ILogger logger) : ISecretSource, IWatchableSource
{
    private SecretWatcher? _watcher;

    public string Description => $"kubernetes {secret}";

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        var description = Description;
        try
        {
            description = $"kubernetes {kubernetes.NamespaceOf(secret)}/{secret.Name}";
            var snapshot = _watcher is { } watcher
                ? await watcher.CurrentAsync(description, cancellationToken).ConfigureAwait(false)
                : await ListAsync(cancellationToken).ConfigureAwait(false);
            return snapshot.ToSecretData(description);
        }
        catch (Exception e) when (e is KubernetesApiException or ServiceAccountTokenException)
        {
            throw new SecretSourceException($"{description}: {e.Message}; the files keep their last value", e);
        }
        catch (HttpRequestException e)
        {
            throw new SecretSourceException($"{description}: cannot reach the API server ({e.HttpRequestError}); the files keep their last value", e);
        }
    }

    public IDisposable Watch(Action changed)
    {
        if (_watcher is not null)
        {
            throw new InvalidOperationException($"{Description} is already watched");
        }

        _watcher = new SecretWatcher(kubernetes, secret, changed, logger);
        _watcher.Start();
        return _watcher;
    }

    private async Task<SecretSnapshot> ListAsync(CancellationToken cancellationToken)
    {
        var list = await kubernetes.Client.ListSecretAsync(kubernetes.NamespaceOf(secret), secret.Name, cancellationToken).ConfigureAwait(false);
        var item = list.Items?.FirstOrDefault(i => i.Metadata?.Name == secret.Name);
        return item is null ? SecretSnapshot.Absent(list.Metadata?.ResourceVersion) : SecretSnapshot.Of(item);
    }
}
