using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Output;

/// <summary>
/// Checks the output directory at start: it exists, is not a symlink, is in memory (tmpfs or ramfs), and who else
/// may write in it.
/// </summary>
public static class OutputDirectory
{
    private const long TmpfsMagic = 0x01021994;
    private const long RamfsMagic = 0x858458F6;

    /// <summary>Throws when the directory cannot be used; returns whether it is memory-backed.</summary>
    public static unsafe bool Verify(string path)
    {
        using var dir = SecretFileWriter.OpenDirectory(path);
        var buffer = stackalloc byte[256];
        if (Libc.FStatFs(dir.Value, buffer) != 0)
        {
            return false;
        }

        var type = *(long*)buffer;
        return type is TmpfsMagic or RamfsMagic;
    }

    /// <summary>
    /// Why a directory every user may write in is a risk, or null when others cannot write there. Any process (in the
    /// pod, or on the node for a host path) can then plant names the sidecar must refuse, or fill the volume; without
    /// the sticky bit it can also remove or rename the sidecar's own files. The writer holds regardless (it refuses
    /// symlinks, devices and links, verifies its temporary file by handle): this is a warning, not an error.
    /// </summary>
    public static string? WorldWritable(string path)
    {
        using var dir = SecretFileWriter.OpenDirectory(path);
        var mode = dir.Status().Mode;
        if (!mode.HasFlag(UnixFileMode.OtherWrite))
        {
            return null;
        }

        var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
        return mode.HasFlag(UnixFileMode.StickyBit)
            ? $"output directory {path} is writable by every user (mode {octal}): any process can plant files there or fill it; make it 0750 or 0700, owned by the sidecar's user"
            : $"output directory {path} is writable by every user without the sticky bit (mode {octal}): any process can delete or replace the secret files and plant others; make it 0750 or 0700, owned by the sidecar's user";
    }
}
