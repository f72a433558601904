using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Output;

/// <summary>Checks the output directory at start: it exists, is not a symlink, and is in memory (tmpfs or ramfs).</summary>
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
}
