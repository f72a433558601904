using R3mes.Sidecar.Cli;

namespace R3mes.Sidecar.Operator;

/// <summary>An operator command cannot go on: the message says what and what to do, and never holds a secret value.</summary>
internal sealed class OperatorException : Exception
{
    public OperatorException(int exitCode, string message) : base(message) => ExitCode = exitCode;

    public OperatorException()
    {
    }

    public OperatorException(string message) : base(message)
    {
    }

    public OperatorException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Failure;

    public static OperatorException Usage(string message) => new(ExitCodes.Usage, message);
}
