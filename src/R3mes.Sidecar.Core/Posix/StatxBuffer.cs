using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Posix;

/// <summary>struct statx: the same layout on every Linux architecture, unlike struct stat.</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    public const uint BasicStats = 0x7ff;
    public const int TypeMask = 0xF000;
    public const int Regular = 0x8000;
    public const int Directory = 0x4000;
    public const int Link = 0xA000;

    [FieldOffset(16)]
    public uint NLink;

    [FieldOffset(20)]
    public uint Uid;

    [FieldOffset(24)]
    public uint Gid;

    [FieldOffset(28)]
    public ushort Mode;

    [FieldOffset(32)]
    public ulong Inode;

    [FieldOffset(40)]
    public ulong Size;

    [FieldOffset(112)]
    public long MTimeSeconds;

    [FieldOffset(120)]
    public uint MTimeNanoseconds;

    [FieldOffset(136)]
    public uint DevMajor;

    [FieldOffset(140)]
    public uint DevMinor;

    public readonly int FileType => Mode & TypeMask;

    public readonly UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);
}
