namespace R3mes.Secrets;

/// <summary>
/// The place that has the secret holds nothing (an empty file, or only a newline): a required secret that was never
/// filled in. The sidecar never writes an empty file, so this points at a hand-made file or a wrong <c>$NAME_FILE</c>.
/// </summary>
public sealed class SecretEmptyException : SecretException
{
    public SecretEmptyException()
    {
    }

    public SecretEmptyException(string message)
        : base(message)
    {
    }

    public SecretEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SecretEmptyException(SecretKey key, string message)
        : base(key, message)
    {
    }
}
