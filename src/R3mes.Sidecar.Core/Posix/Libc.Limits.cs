using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Posix;

/// <summary>getrlimit/setrlimit: struct rlimit is two 64-bit values (soft, hard) on 64-bit Linux.</summary>
internal static unsafe partial class Libc
{
    public const int RLimitNoFile = 7;

    [LibraryImport(Library, EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int GetRLimit(int resource, ulong* limits);

    [LibraryImport(Library, EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int SetRLimit(int resource, ulong* limits);
}
