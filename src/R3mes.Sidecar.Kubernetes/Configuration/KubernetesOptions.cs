using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Kubernetes.Configuration;

/// <summary>The optional <c>kubernetes:</c> section. Every key defaults to the pod's in-cluster configuration.</summary>
public sealed class KubernetesOptions
{
    public static readonly string[] Keys = ["api_server", "token_file", "ca_file", "namespace_file"];

    /// <summary>The API server URL; default <c>https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT</c>.</summary>
    [ConfigurationKeyName("api_server")]
    public string? ApiServer { get; set; }

    [ConfigurationKeyName("token_file")]
    public string? TokenFile { get; set; }

    [ConfigurationKeyName("ca_file")]
    public string? CaFile { get; set; }

    [ConfigurationKeyName("namespace_file")]
    public string? NamespaceFile { get; set; }
}
