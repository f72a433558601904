namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>A list's <c>metadata</c>: the resource version the list is consistent at, where a watch continues.</summary>
internal sealed class ListMeta
{
    public string? ResourceVersion { get; set; }
}
