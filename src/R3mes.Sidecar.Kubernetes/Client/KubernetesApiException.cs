namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// The API server refused a request (HTTP status, or a watch ERROR event's Status). The message is the Status's
/// own, which names objects and verbs, never a Secret's data. Its status gives the failure's <c>reason</c> label
/// (401/403 denied, 404 not found, 429 throttled); 0 (no HTTP status: a malformed answer) gives none.
/// </summary>
public sealed class KubernetesApiException : Exception, R3mes.Sidecar.Diagnostics.IHttpFailure
{
    public const int Gone = 410;

    public KubernetesApiException(int status, string? reason, string message)
        : base(message)
    {
        Status = status;
        Reason = reason;
    }

    public KubernetesApiException()
    {
    }

    public KubernetesApiException(string message)
        : base(message)
    {
    }

    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }

    public string? Reason { get; }

    /// <summary>410 Gone: the resource version is older than the server keeps; list again and watch from there.</summary>
    public bool IsGone => Status == Gone;

    System.Net.HttpStatusCode R3mes.Sidecar.Diagnostics.IHttpFailure.Status => (System.Net.HttpStatusCode)Status;
}
