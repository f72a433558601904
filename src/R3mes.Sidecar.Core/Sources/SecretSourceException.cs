namespace R3mes.Sidecar.Sources;

/// <summary>A fetch failed. The message says what and where, never any value. <see cref="Transient"/> asks for a retry.</summary>
public sealed class SecretSourceException : Exception
{
    public SecretSourceException(string message, bool transient = true) : base(message)
    {
        Transient = transient;
    }

    public SecretSourceException()
    {
    }

    public SecretSourceException(string message, Exception innerException) : base(message, innerException)
    {
        Transient = true;
    }

    /// <summary>A backend's error (<paramref name="innerException"/>) that the reason label is taken from; never logged beyond <paramref name="message"/>.</summary>
    public SecretSourceException(string message, Exception innerException, bool transient) : base(message, innerException)
    {
        Transient = transient;
    }

    public bool Transient { get; }
}
