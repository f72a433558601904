namespace R3mes.Secrets;

/// <summary>The secret is in none of the places looked at (file, <c>$NAME_FILE</c>, <c>$NAME</c>).</summary>
public sealed class SecretNotFoundException : SecretException
{
    public SecretNotFoundException()
    {
    }

    public SecretNotFoundException(string message)
        : base(message)
    {
    }

    public SecretNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SecretNotFoundException(SecretKey key, string message)
        : base(key, message)
    {
    }
}
