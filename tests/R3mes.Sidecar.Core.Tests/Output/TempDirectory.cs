namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>A real directory for one test, removed (with everything in it) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>A fresh directory under the system temp directory.</summary>
    public static TempDirectory Create() => new(Directory.CreateTempSubdirectory("r3mes-core-tests-").FullName);

    /// <summary>A fresh directory under /dev/shm (tmpfs on Linux).</summary>
    public static TempDirectory InSharedMemory()
    {
        var path = System.IO.Path.Combine("/dev/shm", "r3mes-core-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempDirectory(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Entries whose name starts with '.', e.g. the writer's temporary files.</summary>
    public string[] HiddenEntries() =>
        Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Where(n => n!.StartsWith('.')).ToArray()!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
