using Microsoft.Win32.SafeHandles;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Posix;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Store;

/// <summary>
/// The operator's secrets directory (<c>docker/secrets</c>): 0700, files 0600 written by the sidecar's own atomic
/// writer. Reads never follow a symlink and refuse anything but a regular file, as the writer does.
/// </summary>
internal sealed class SecretDirectory
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly SecretFileWriter _writer;
    private readonly bool _allowLeadingDot;

    private SecretDirectory(string path, bool allowLeadingDot = false)
    {
        Path = path;
        _allowLeadingDot = allowLeadingDot;
        _writer = new SecretFileWriter(path) { AllowLeadingDot = allowLeadingDot };
    }

    public string Path { get; }

    /// <summary>Opens the directory, creating it 0700 when <paramref name="create"/>; an existing one is narrowed to 0700.</summary>
    public static SecretDirectory Open(string path, bool create)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the secrets directory needs POSIX modes");
        }

        if (!System.IO.Directory.Exists(path) && !File.Exists(path))
        {
            if (!create)
            {
                throw new OperatorException($"{path} does not exist: run 'r3mes-sidecar secrets create --dir {path}' first, or pass --dir");
            }

            System.IO.Directory.CreateDirectory(path, DirectoryMode);
        }

        try
        {
            using var dir = SecretFileWriter.OpenDirectory(path);
            if (dir.Status().Mode != DirectoryMode)
            {
                dir.Check(Libc.FChmod(dir.Value, (uint)DirectoryMode), "fchmod", path);
            }
        }
        catch (Exception e) when (e is OutputException or PosixException)
        {
            throw new OperatorException(e.Message);
        }

        return new SecretDirectory(path);
    }

    /// <summary>A project directory (the one holding <c>.env</c>) as it is: not created, its mode not changed, dot-files allowed.</summary>
    public static SecretDirectory ProjectDirectory(string path) => new(path, allowLeadingDot: true);

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    public bool Exists(string fileName) => Read(fileName) is not null;

    /// <summary>The file's bytes, or null when there is none.</summary>
    public SecretValue? Read(string fileName)
    {
        using var file = OpenExisting(fileName);
        if (file is null)
        {
            return null;
        }

        var size = (int)file.Status().Size;
        var buffer = new byte[size];
        using var handle = new SafeFileHandle(file.Value, ownsHandle: false);
        var read = RandomAccess.Read(handle, buffer, 0);
        return SecretValue.FromBytes(buffer.AsSpan(0, read));
    }

    /// <summary>The permission bits of an existing file.</summary>
    public UnixFileMode ModeOf(string fileName)
    {
        using var file = OpenExisting(fileName) ?? throw new OperatorException($"{PathOf(fileName)} does not exist");
        return file.Status().Mode;
    }

    /// <summary>Regular, non-hidden files, sorted by name.</summary>
    public IReadOnlyList<string> List() =>
        [.. new DirectoryInfo(Path).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.') && f.LinkTarget is null)
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal)];

    /// <summary>Writes atomically with mode 0600 (or <paramref name="mode"/>); an existing file is replaced only when <paramref name="replace"/>.</summary>
    public WriteOutcome Write(string fileName, SecretValue content, bool replace, UnixFileMode mode = FileMode)
    {
        try
        {
            return _writer.Write(new FileTarget(fileName, mode, null, null, replace), content);
        }
        catch (Exception e) when (e is OutputException or PosixException)
        {
            throw new OperatorException(e.Message);
        }
    }

    private FileDescriptor OpenDirectory()
    {
        try
        {
            return SecretFileWriter.OpenDirectory(Path);
        }
        catch (OutputException e)
        {
            throw new OperatorException(e.Message);
        }
    }

    private FileDescriptor? OpenExisting(string fileName)
    {
        if (OutputFileName.Problem(fileName, _allowLeadingDot) is { } problem)
        {
            throw new OperatorException(problem);
        }

        using var dir = OpenDirectory();
        var fd = FileDescriptor.TryOpenAt(dir.Value, fileName, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlock, 0, out var errno);
        if (fd is null)
        {
            return errno == Libc.ENOENT
                ? null
                : throw new OperatorException($"cannot open {PathOf(fileName)}: {(errno == Libc.ELOOP ? "it is a symlink; remove it" : Libc.Describe(errno))}");
        }

        if (!fd.Status().IsRegular)
        {
            fd.Dispose();
            throw new OperatorException($"{PathOf(fileName)} is not a regular file; remove it");
        }

        return fd;
    }
}
