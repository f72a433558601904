namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// A meta/v1 <c>Status</c>: the body of every API error, and the object of a watch <c>ERROR</c> event
/// (<c>code: 410, reason: Expired</c> when the requested resource version is too old).
/// </summary>
internal sealed class ApiStatus
{
    public int? Code { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
