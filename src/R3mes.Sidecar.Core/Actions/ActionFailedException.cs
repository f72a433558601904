namespace R3mes.Sidecar.Actions;

/// <summary>
/// A reload action ran and the consumer was not told: the command exited non-zero or ran too long, the endpoint
/// answered outside 2xx, no process to signal. The message says what failed and never carries file contents,
/// command output, response bodies or header values.
/// </summary>
public sealed class ActionFailedException : Exception
{
    public ActionFailedException()
    {
    }

    public ActionFailedException(string message) : base(message)
    {
    }

    public ActionFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
