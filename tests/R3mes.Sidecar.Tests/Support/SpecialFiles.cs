using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>Plants what a hostile neighbour on a shared volume could: FIFOs and (as root) device nodes.</summary>
internal static class SpecialFiles
{
    private const uint CharacterDevice = 0x2000;

    public static void Fifo(string path)
    {
        if (mkfifo(path, 0x1B6) != 0)
        {
            throw new IOException($"mkfifo({path}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>A character device node with /dev/null's numbers (1, 3); needs root (CAP_MKNOD).</summary>
    public static void NullDevice(string path)
    {
        Assert.True(Unix.IsRoot, "creating a device node needs root (CAP_MKNOD); run the suite as root as test.sh does");
        if (mknod(path, CharacterDevice | 0x1B6, (1UL << 8) | 3) != 0)
        {
            throw new IOException($"mknod({path}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong dev);
}
