namespace R3mes.Sidecar.Output;

/// <summary>A file could not be written safely; the existing file is untouched. Never carries contents.</summary>
public sealed class OutputException : Exception
{
    public OutputException(string message) : base(message)
    {
    }

    public OutputException()
    {
    }

    public OutputException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
