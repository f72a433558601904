using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>The few libc calls the tests need: send a signal, make a hard link, ask whether we run as root.</summary>
internal static class Unix
{
    public const int SigHup = 1;
    public const int SigTerm = 15;

    public static bool IsRoot => geteuid() == 0;

    public static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>lchown(2) on <paramref name="path"/> and, for a directory, everything under it (never following a link).</summary>
    public static void ChownTree(string path, uint uid, uint gid)
    {
        if (Lchown(path, uid, gid) != 0)
        {
            throw new IOException($"lchown({path}) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(path))
            {
                ChownTree(entry, uid, gid);
            }
        }
    }

    public static void HardLink(string existing, string link)
    {
        if (Link(existing, link) != 0)
        {
            throw new IOException($"link({existing}, {link}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint geteuid();

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string link);
}
