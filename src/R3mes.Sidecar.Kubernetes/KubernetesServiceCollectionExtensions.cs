using Microsoft.Extensions.DependencyInjection.Extensions;
using R3mes.Sidecar.Kubernetes.Configuration;
using R3mes.Sidecar.Kubernetes.Sources;

namespace R3mes.Sidecar.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Adds the optional <c>kubernetes:</c> section and the <c>kubernetes</c> source kind (Secret objects, watched).</summary>
    public static SidecarBuilder AddKubernetes(this SidecarBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<KubernetesRuntime>();
        return builder.AddSection<KubernetesSection>().AddSource<KubernetesSourceFactory>();
    }
}
