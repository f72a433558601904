namespace R3mes.Sidecar.Posix;

/// <summary>What statx said about a file: type, mode, owner, identity (device and inode), size and link count.</summary>
internal readonly record struct FileStatus(int Type, UnixFileMode Mode, uint Uid, uint Gid, ulong Inode, ulong Size, uint Links = 1, ulong Device = 0)
{
    public bool IsRegular => Type == StatxBuffer.Regular;

    public bool IsDirectory => Type == StatxBuffer.Directory;

    public bool IsSymlink => Type == StatxBuffer.Link;

    public static unsafe FileStatus Of(int fd)
    {
        StatxBuffer buffer;
        if (Libc.Statx(fd, "", Libc.AtEmptyPath, StatxBuffer.BasicStats, &buffer) != 0)
        {
            throw new PosixException("statx", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }

        return From(buffer);
    }

    /// <summary>The object a name in a directory denotes, without following a symlink; null when the call fails.</summary>
    public static unsafe FileStatus? At(int dirFd, string name)
    {
        StatxBuffer buffer;
        return Libc.Statx(dirFd, name, Libc.AtSymlinkNoFollow, StatxBuffer.BasicStats, &buffer) == 0 ? From(buffer) : null;
    }

    /// <summary>The same file: same device, same inode.</summary>
    public bool IsSameFile(FileStatus other) => Inode == other.Inode && Device == other.Device;

    private static FileStatus From(StatxBuffer buffer) =>
        new(buffer.FileType, buffer.Permissions, buffer.Uid, buffer.Gid, buffer.Inode, buffer.Size, buffer.NLink, ((ulong)buffer.DevMajor << 32) | buffer.DevMinor);
}
