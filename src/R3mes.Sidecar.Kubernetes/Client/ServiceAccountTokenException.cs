namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>The service-account token file could not be read or is empty. Names the file, never its content.</summary>
public sealed class ServiceAccountTokenException : Exception
{
    public ServiceAccountTokenException()
    {
    }

    public ServiceAccountTokenException(string message)
        : base(message)
    {
    }

    public ServiceAccountTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
