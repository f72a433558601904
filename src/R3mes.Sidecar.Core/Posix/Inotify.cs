using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Posix;

/// <summary>
/// inotify(7), the eventfd(2) that wakes its reader, and poll(2) over both. The event masks are the kernel's
/// (include/uapi/linux/inotify.h); they are the same on every Linux architecture.
/// </summary>
internal static unsafe partial class Inotify
{
    private const string Library = "libc";

    public const uint Modify = 0x2;
    public const uint Attrib = 0x4;
    public const uint CloseWrite = 0x8;
    public const uint MovedFrom = 0x40;
    public const uint MovedTo = 0x80;
    public const uint Create = 0x100;
    public const uint Delete = 0x200;
    public const uint DeleteSelf = 0x400;
    public const uint MoveSelf = 0x800;
    public const uint QueueOverflow = 0x4000;
    public const uint Ignored = 0x8000;
    public const uint OnlyDirectory = 0x1000000;

    /// <summary>Everything that can change what a file source reads in a directory.</summary>
    public const uint DirectoryChanges = Modify | Attrib | CloseWrite | MovedFrom | MovedTo | Create | Delete | DeleteSelf | MoveSelf | OnlyDirectory;

    public const int CloseOnExec = 0x80000;
    public const int NonBlock = 0x800;

    public const short PollIn = 0x1;

    public const int EINTR = 4;
    public const int EAGAIN = 11;

    /// <summary>The fixed part of <c>struct inotify_event</c>: wd, mask, cookie, len.</summary>
    public const int EventHeaderSize = 16;

    [LibraryImport(Library, EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int Init(int flags);

    [LibraryImport(Library, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int AddWatch(int fd, string path, uint mask);

    [LibraryImport(Library, EntryPoint = "inotify_rm_watch", SetLastError = true)]
    public static partial int RemoveWatch(int fd, int wd);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
