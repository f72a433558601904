using System.Globalization;

namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>What <c>stat</c> (without following symlinks) says about a path: owner, permission bits, inode.</summary>
internal sealed record FileStat(uint Uid, uint Gid, UnixFileMode Mode, ulong Inode)
{
    public string Owner => $"{Uid}:{Gid}";

    public static FileStat Of(string path)
    {
        var fields = Tool.Run("/usr/bin/stat", "-c", "%u:%g:%a:%i", path).Trim().Split(':');
        return new FileStat(
            uint.Parse(fields[0], CultureInfo.InvariantCulture),
            uint.Parse(fields[1], CultureInfo.InvariantCulture),
            (UnixFileMode)Convert.ToInt32(fields[2], 8),
            ulong.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    /// <summary>The file system type <c>stat -f</c> reports (tmpfs, ext2/ext3, overlayfs…).</summary>
    public static string FileSystemType(string path) => Tool.Run("/usr/bin/stat", "-f", "-c", "%T", path).Trim();
}
