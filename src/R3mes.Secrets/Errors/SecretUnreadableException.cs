namespace R3mes.Secrets;

/// <summary>
/// The secret exists but cannot be used: its file denies reading, is a directory, is over 1 MiB, is not UTF-8 text
/// (for a text read), or <c>$NAME_FILE</c> names a file that cannot be read. Lower-priority places are not tried:
/// they may hold an older value.
/// </summary>
public sealed class SecretUnreadableException : SecretException
{
    public SecretUnreadableException()
    {
    }

    public SecretUnreadableException(string message)
        : base(message)
    {
    }

    public SecretUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SecretUnreadableException(SecretKey key, string message)
        : base(key, message)
    {
    }
}
