namespace R3mes.Secrets;

/// <summary>
/// A secret could not be obtained. The concrete type says why: <see cref="SecretNotFoundException"/> (in none of the
/// places looked at), <see cref="SecretUnreadableException"/> (a place has it but it cannot be read) or
/// <see cref="SecretEmptyException"/> (the place that has it holds nothing). The message lists each place and what
/// was found there; it never contains a secret value.
/// </summary>
public class SecretException : Exception
{
    public SecretException()
    {
    }

    public SecretException(string message)
        : base(message)
    {
    }

    public SecretException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private protected SecretException(SecretKey key, string message)
        : base(message)
    {
        SecretName = key.FileName;
    }

    /// <summary>File name of the secret, e.g. <c>jwt_secret</c>.</summary>
    public string? SecretName { get; }
}
