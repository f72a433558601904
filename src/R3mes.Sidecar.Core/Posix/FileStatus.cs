namespace R3mes.Sidecar.Posix;

/// <summary>What statx said about an open file.</summary>
internal readonly record struct FileStatus(int Type, UnixFileMode Mode, uint Uid, uint Gid, ulong Inode, ulong Size)
{
    public bool IsRegular => Type == StatxBuffer.Regular;

    public bool IsDirectory => Type == StatxBuffer.Directory;

    public static unsafe FileStatus Of(int fd)
    {
        StatxBuffer buffer;
        if (Libc.Statx(fd, "", Libc.AtEmptyPath, StatxBuffer.BasicStats, &buffer) != 0)
        {
            throw new PosixException("statx", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }

        return new FileStatus(buffer.FileType, buffer.Permissions, buffer.Uid, buffer.Gid, buffer.Inode, buffer.Size);
    }
}
