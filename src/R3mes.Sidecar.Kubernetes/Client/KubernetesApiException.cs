namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// The API server refused a request (HTTP status, or a watch ERROR event's Status). The message is the Status's
/// own, which names objects and verbs, never a Secret's data.
/// </summary>
public sealed class KubernetesApiException : Exception
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
}
