using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Posix;

/// <summary>open(2) flags. O_DIRECTORY and O_NOFOLLOW differ between x86-64 and arm64.</summary>
internal static class OpenFlags
{
    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NoControllingTerminal = 0x100;
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;

    public static readonly int Directory = IsArm ? 0x4000 : 0x10000;
    public static readonly int NoFollow = IsArm ? 0x8000 : 0x20000;

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
}
