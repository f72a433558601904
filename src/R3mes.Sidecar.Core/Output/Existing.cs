using Microsoft.Win32.SafeHandles;
using R3mes.Sidecar.Posix;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Output;

/// <summary>
/// The file already at a target. Its type is checked by name (statx without following a symlink) before anything
/// opens it: opening a device node can act on the device (a tape rewinds, a terminal becomes the controlling one)
/// and a FIFO's reader would take what the app writes. Only a regular file is then opened (no-follow, non-blocking,
/// no controlling terminal) and checked by handle to be the file that was checked by name.
/// </summary>
internal sealed class Existing : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly FileStatus _status;
    private readonly string _name;

    private Existing(FileDescriptor fd, FileStatus status, string name)
    {
        _fd = fd;
        _status = status;
        _name = name;
    }

    /// <summary>The existing file's status, or null when there is none.</summary>
    public static Existing? Read(FileDescriptor dir, string name)
    {
        if (FileStatus.At(dir.Value, name) is { } named)
        {
            if (named.IsSymlink)
            {
                throw Symlink(name);
            }

            if (!named.IsRegular)
            {
                throw NotRegular(name);
            }
        }

        var fd = FileDescriptor.TryOpenAt(dir.Value, name, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlock | OpenFlags.NoControllingTerminal, 0, out var errno);
        if (fd is null)
        {
            return errno switch
            {
                Libc.ENOENT => null,
                Libc.ELOOP => throw Symlink(name),
                _ => throw new OutputException($"cannot open existing {name}: {Libc.Describe(errno)}"),
            };
        }

        // Between the check by name and the open, whoever shares the directory could have put something else there.
        var status = fd.Status();
        if (!status.IsRegular)
        {
            fd.Dispose();
            throw NotRegular(name);
        }

        return new Existing(fd, status, name);
    }

    /// <summary>
    /// Other names (hard links, perhaps outside the output directory) share this file: changing its mode or owner
    /// would change theirs, and whoever holds them could change the bytes. Such a file is replaced, never fixed.
    /// </summary>
    public bool IsHardLinked => _status.Links != 1;

    public bool SameBytes(SecretValue content)
    {
        if (_status.Size != (ulong)content.Length)
        {
            return false;
        }

        var buffer = new byte[content.Length];
        using var handle = new SafeFileHandle(_fd.Value, ownsHandle: false);
        var read = RandomAccess.Read(handle, buffer, 0);
        return read == buffer.Length && SecretValue.FromBytes(buffer).Equals(content);
    }

    /// <summary>Corrects mode and owner on the open handle; true when anything changed.</summary>
    public bool FixMetadata(FileTarget target)
    {
        var changed = false;
        if ((target.Uid is { } uid && uid != _status.Uid) || (target.Gid is { } gid && gid != _status.Gid))
        {
            _fd.Check(Libc.FChown(_fd.Value, target.Uid ?? -1, target.Gid ?? -1), "fchown", _name);
            changed = true;
        }

        if (_status.Mode != target.Mode)
        {
            _fd.Check(Libc.FChmod(_fd.Value, (uint)target.Mode), "fchmod", _name);
            changed = true;
        }

        return changed;
    }

    public void Dispose() => _fd.Dispose();

    private static OutputException Symlink(string name) =>
        new($"{name} is a symlink in the output directory: refusing to write through it; remove it");

    private static OutputException NotRegular(string name) =>
        new($"{name} in the output directory is not a regular file: refusing to replace it; remove it");
}
