namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// A core/v1 Secret as the API returns it: <c>data</c> maps keys to base64 values. <c>stringData</c> is write-only
/// and never comes back. A watch BOOKMARK carries an object of the watched kind with only the resource version.
/// </summary>
internal sealed class SecretObject
{
    public ObjectMeta? Metadata { get; set; }

    public Dictionary<string, string>? Data { get; set; }
}
