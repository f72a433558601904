namespace R3mes.Sidecar.Kubernetes.Configuration;

/// <summary>
/// The validated <c>kubernetes:</c> section, paths absolute. A null <see cref="ApiServer"/> means in-cluster: the
/// address comes from <c>KUBERNETES_SERVICE_HOST</c>/<c>KUBERNETES_SERVICE_PORT</c> when the first request is made.
/// </summary>
public sealed record KubernetesSettings(Uri? ApiServer, string TokenFile, string CaFile, string NamespaceFile)
{
    /// <summary>Where the kubelet mounts the pod's service-account token, CA bundle and namespace.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>No <c>kubernetes:</c> section: everything in-cluster.</summary>
    public static KubernetesSettings InCluster { get; } = new(
        null,
        Path.Combine(ServiceAccountDirectory, "token"),
        Path.Combine(ServiceAccountDirectory, "ca.crt"),
        Path.Combine(ServiceAccountDirectory, "namespace"));
}
