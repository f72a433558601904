namespace R3mes.Sidecar.Posix;

/// <summary>A failed system call: which call, on what name, and errno's text.</summary>
public sealed class PosixException : IOException
{
    public PosixException(string call, int errno, string? subject = null)
        : base(subject is null ? $"{call}: {Libc.Describe(errno)}" : $"{call} {subject}: {Libc.Describe(errno)}")
    {
        Errno = errno;
    }

    public PosixException()
    {
    }

    public PosixException(string message) : base(message)
    {
    }

    public PosixException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int Errno { get; }
}
