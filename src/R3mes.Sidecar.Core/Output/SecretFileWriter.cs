using Microsoft.Win32.SafeHandles;
using R3mes.Sidecar.Posix;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Output;

/// <summary>
/// Writes one file the way CONTRACT §5 demands: relative to a handle on the output directory (which must not be a
/// symlink), into a fresh temporary file created with O_EXCL|O_NOFOLLOW and the final mode, owner set on the
/// handle before the first byte, flushed, checked by handle to still be the file at the temporary name, renamed
/// over the target, and the directory flushed. A symlink, directory or other non-regular file at the target is
/// refused. Equal bytes leave the file (and its mtime) alone, unless other hard links share it: then a fresh file
/// replaces it. Any failure removes the temporary file and leaves the target as it was.
/// </summary>
public sealed class SecretFileWriter(string directory)
{
    private readonly IWriteRaceProbe? _probe;

    /// <summary>A writer that lets a test act inside its race windows.</summary>
    internal SecretFileWriter(string directory, IWriteRaceProbe probe) : this(directory) => _probe = probe;

    public string Directory { get; } = directory;

    /// <summary>Admit names with a leading dot (<c>.env</c>); never for the shared output directory.</summary>
    public bool AllowLeadingDot { get; init; }

    public WriteOutcome Write(FileTarget target, SecretValue content)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(content);
        if (OutputFileName.Problem(target.Name, AllowLeadingDot) is { } problem)
        {
            throw new OutputException(problem);
        }

        using var dir = OpenDirectory(Directory);
        using var existing = Existing.Read(dir, target.Name);
        if (existing is not null)
        {
            var sameBytes = existing.SameBytes(content);
            if (sameBytes && existing.IsHardLinked)
            {
                // Never fchmod/fchown a file other names share (one may sit outside the output directory).
                Replace(dir, target, content);
                return WriteOutcome.Relinked;
            }

            if (sameBytes)
            {
                try
                {
                    return existing.FixMetadata(target) ? WriteOutcome.MetadataFixed : WriteOutcome.Unchanged;
                }
                catch (PosixException e)
                {
                    throw new OutputException($"could not correct the mode or owner of {target.Name}, the file is kept as it is: {e.Message}");
                }
            }

            if (!target.MayReplace)
            {
                return WriteOutcome.KeptExisting;
            }
        }

        Replace(dir, target, content);
        return WriteOutcome.Written;
    }

    internal static FileDescriptor OpenDirectory(string path)
    {
        // A trailing "/" or "/." makes the kernel follow a symlink despite O_NOFOLLOW: open the plain path.
        var plain = path.Length == 0 ? path : Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var dir = FileDescriptor.TryOpenAt(Libc.AtFdCwd, plain, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow, 0, out var errno);
        return dir ?? throw new OutputException(errno switch
        {
            Libc.ENOENT => $"output directory {path} does not exist: create it (a tmpfs volume) or fix output.dir",
            Libc.ELOOP or Libc.ENOTDIR => $"output directory {path} is a symlink or not a directory: refusing to write through it",
            _ => $"cannot open output directory {path}: {Libc.Describe(errno)}",
        });
    }

    private void Replace(FileDescriptor dir, FileTarget target, SecretValue content)
    {
        var temp = TempName(target.Name);
        var mode = (uint)target.Mode;
        var fd = FileDescriptor.TryOpenAt(dir.Value, temp, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow, mode, out var errno)
            ?? throw new OutputException($"cannot create a temporary file for {target.Name}: {Libc.Describe(errno)}");
        try
        {
            using (fd)
            {
                if (target.Uid is not null || target.Gid is not null)
                {
                    fd.Check(Libc.FChown(fd.Value, target.Uid ?? -1, target.Gid ?? -1), "fchown", $"{target.Name} to {target.Uid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{target.Gid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
                }

                // The umask may have narrowed the creation mode; set it exactly (never wider than asked).
                fd.Check(Libc.FChmod(fd.Value, mode), "fchmod", target.Name);
                using (var handle = new SafeFileHandle(fd.Value, ownsHandle: false))
                {
                    RandomAccess.Write(handle, content.Reveal(), 0);
                }

                fd.Check(Libc.FSync(fd.Value), "fsync", target.Name);
                _probe?.TempWritten(Directory, temp);
                var written = fd.Status();
                VerifyTemp(dir, temp, written, target.Name);
                _probe?.TempVerified(Directory, temp);
                if (Libc.RenameAt(dir.Value, temp, dir.Value, target.Name) != 0)
                {
                    throw new PosixException("rename", System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), $"over {target.Name}");
                }

                VerifyPlaced(dir, written, target.Name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _ = Libc.UnlinkAt(dir.Value, temp, 0);
            throw new OutputException($"could not write {target.Name}, the previous file is kept: {e.Message}");
        }

        _ = Libc.FSync(dir.Value);
    }

    /// <summary>
    /// The temporary name must still be the file written through the handle: whoever shares the directory could have
    /// swapped it for a symlink (or anything else) since it was created, and the rename would put that in place.
    /// </summary>
    private static void VerifyTemp(FileDescriptor dir, string temp, FileStatus written, string name)
    {
        if (FileStatus.At(dir.Value, temp) is { IsRegular: true } named && named.IsSameFile(written))
        {
            return;
        }

        _ = Libc.UnlinkAt(dir.Value, temp, 0);
        throw new OutputException($"the temporary file for {name} was replaced by another process before the rename: refused; the previous {name} is kept");
    }

    /// <summary>The same check after the rename, for a swap that won the last race: what is not ours is removed.</summary>
    private static void VerifyPlaced(FileDescriptor dir, FileStatus written, string name)
    {
        if (FileStatus.At(dir.Value, name) is { IsRegular: true } placed && placed.IsSameFile(written))
        {
            return;
        }

        _ = Libc.UnlinkAt(dir.Value, name, 0);
        throw new OutputException($"the temporary file for {name} was replaced by another process during the rename: removed what it put at {name}; it is written again at the next refresh");
    }

    /// <summary>
    /// <c>.{name}.tmp-{random}</c> (<see cref="StaleTempFiles"/> removes those a crash left behind), with the name cut (on a character boundary) so the whole stays within the
    /// 255-byte limit a valid long name would otherwise push it past.
    /// </summary>
    internal static string TempName(string name)
    {
        // 48 unpredictable bits from Guid.NewGuid (version 4: drawn from the kernel's CSPRNG through the runtime's own
        // native shim). RandomNumberGenerator would load OpenSSL (libssl + libcrypto, 3.6 MiB resident) into every
        // sidecar for this one call — docs/performance.md, "Findings for the code".
        var suffix = $".tmp-{Guid.NewGuid().ToString("N")[..12]}";
        var room = 255 - 1 - suffix.Length;
        var length = name.Length;
        while (System.Text.Encoding.UTF8.GetByteCount(name.AsSpan(0, length)) > room)
        {
            length -= length > 1 && char.IsLowSurrogate(name[length - 1]) ? 2 : 1;
        }

        return $".{name[..length]}{suffix}";
    }
}
