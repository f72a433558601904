namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// A required secret rendered an empty file and does not say <c>allow_empty: true</c>: nothing is written, the last
/// good files stay. Usually a source caught mid-edit (truncated, not yet written), so a retry can help.
/// </summary>
public sealed class EmptyValueException : Exception
{
    public EmptyValueException(string secret, IReadOnlyList<string> files)
        : base($"secret '{secret}': {string.Join(", ", files)} would be empty; refused, the last good file is kept (set allow_empty: true on the secret if an empty value is intended)")
    {
    }

    public EmptyValueException()
    {
    }

    public EmptyValueException(string message) : base(message)
    {
    }

    public EmptyValueException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
