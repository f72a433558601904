namespace R3mes.Sidecar.Secrets;

/// <summary>A value could not be read or rendered. The message never contains any part of a secret.</summary>
public sealed class SecretFormatException : Exception
{
    public SecretFormatException(string message) : base(message)
    {
    }

    public SecretFormatException()
    {
    }

    public SecretFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
