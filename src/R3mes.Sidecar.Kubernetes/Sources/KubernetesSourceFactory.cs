using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>
/// <c>source: { kubernetes: NAMESPACE/NAME, key: FIELD }</c>; without a namespace, the pod's own. Contacts nothing
/// and reads no file until the first fetch.
/// </summary>
internal sealed class KubernetesSourceFactory(KubernetesRuntime kubernetes, ILoggerFactory loggers) : ISecretSourceFactory
{
    public string Kind => "kubernetes";

    public IReadOnlyCollection<string> OptionKeys => [];

    /// <summary>The watch pushes every change; the periodic fetch only re-reads the watch's state (no request).</summary>
    public TimeSpan DefaultRefresh => TimeSpan.FromMinutes(5);

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reference = SecretReference.Parse(context.Location, out var problem);
        if (reference is null)
        {
            context.Errors.Add($"{context.Path}.kubernetes", problem!);
            return null;
        }

        return new KubernetesSource(kubernetes, reference, loggers.CreateLogger<KubernetesSource>());
    }
}
