namespace R3mes.Sidecar.Cli;

/// <summary>
/// A command's runtime failure. Thrown instead of printing, so the closing line is written after the host is
/// disposed and every log line before it has been flushed.
/// </summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException(int exitCode, string message) : base(message) => ExitCode = exitCode;

    public CommandFailedException()
    {
    }

    public CommandFailedException(string message) : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Failure;
}
