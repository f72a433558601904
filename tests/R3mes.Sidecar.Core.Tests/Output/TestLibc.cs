using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>Process and thread credentials the tests change: the umask, and the file system uid of one thread.</summary>
internal static partial class TestLibc
{
    /// <summary>umask(2): process-wide, so only tests in the non-parallel collection may call it.</summary>
    [DllImport("libc", EntryPoint = "umask")]
    public static extern uint Umask(uint mask);

    /// <summary>setfsuid(2): per thread on Linux; a non-zero fsuid drops CAP_CHOWN, CAP_DAC_OVERRIDE and CAP_FOWNER.</summary>
    [DllImport("libc", EntryPoint = "setfsuid")]
    public static extern int SetFsUid(uint uid);

    [DllImport("libc", EntryPoint = "setfsgid")]
    public static extern int SetFsGid(uint gid);

    [DllImport("libc", EntryPoint = "geteuid")]
    public static extern uint GetEuid();
}
