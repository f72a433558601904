namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>The parts of an object's <c>metadata</c> the source reads. <c>resourceVersion</c> is opaque: compared, never parsed.</summary>
internal sealed class ObjectMeta
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? ResourceVersion { get; set; }
}
