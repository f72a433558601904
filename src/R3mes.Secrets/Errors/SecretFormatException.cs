namespace R3mes.Secrets;

/// <summary>
/// The secret was read but its value cannot be written in the form asked for (e.g. a Redis password with ',' in a
/// StackExchange.Redis configuration string). The message names the secret and the offending characters' kind, never
/// the value.
/// </summary>
public sealed class SecretFormatException : SecretException
{
    public SecretFormatException()
    {
    }

    public SecretFormatException(string message)
        : base(message)
    {
    }

    public SecretFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SecretFormatException(SecretKey key, string message)
        : base(key, message)
    {
    }
}
