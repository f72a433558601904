namespace R3mes.Sidecar.Exec;

/// <summary>The child program could not be started (not found, not executable).</summary>
internal sealed class ChildStartException : Exception
{
    public ChildStartException(string message) : base(message)
    {
    }

    public ChildStartException()
    {
    }

    public ChildStartException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
