using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Posix;

/// <summary>An open file descriptor that closes itself.</summary>
internal sealed class FileDescriptor : IDisposable
{
    private int _fd;

    private FileDescriptor(int fd) => _fd = fd;

    public int Value => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(FileDescriptor));

    /// <summary>openat(2); returns null with the errno when the call fails.</summary>
    public static FileDescriptor? TryOpenAt(int dirFd, string path, int flags, uint mode, out int errno)
    {
        var fd = Libc.OpenAt(dirFd, path, flags | OpenFlags.CloseOnExec, mode);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new FileDescriptor(fd);
    }

    public FileStatus Status() => FileStatus.Of(Value);

    public void Check(int result, string call, string? subject = null)
    {
        if (result != 0)
        {
            throw new PosixException(call, Marshal.GetLastPInvokeError(), subject);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Libc.Close(_fd);
            _fd = -1;
        }
    }
}
