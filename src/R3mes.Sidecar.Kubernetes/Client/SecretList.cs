namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>A SecretList: the matching items and the list's own resource version.</summary>
internal sealed class SecretList
{
    public ListMeta? Metadata { get; set; }

    public List<SecretObject>? Items { get; set; }
}
