namespace R3mes.Secrets;

/// <summary>
/// A secret could not be obtained: it is in none of the places looked at, or the place that has it cannot be read.
/// The message lists each place and what was found there; it never contains a secret value.
/// </summary>
public sealed class SecretNotFoundException : Exception
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
        : base(message)
    {
        SecretName = key.FileName;
    }

    /// <summary>File name of the secret, e.g. <c>jwt_secret</c>.</summary>
    public string? SecretName { get; }
}
