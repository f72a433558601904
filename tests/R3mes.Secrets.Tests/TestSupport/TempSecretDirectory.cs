using System.Text;

namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>A real directory under the system temp directory, written the way the sidecar writes.</summary>
internal sealed class TempSecretDirectory : IDisposable
{
    public TempSecretDirectory()
        : this(System.IO.Path.Join(System.IO.Path.GetTempPath(), "r3mes-secrets-" + Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>An existing or new directory at <paramref name="path"/> (deleted on dispose).</summary>
    public TempSecretDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string PathOf(string name) => System.IO.Path.Join(Path, name);

    /// <summary>Writes a hidden temp file, then renames it over the target, as the sidecar does.</summary>
    public void WriteAtomically(string name, string content)
    {
        var temp = PathOf($".{name}.tmp-{Guid.NewGuid().ToString("N")[..8]}");
        File.WriteAllBytes(temp, Encoding.UTF8.GetBytes(content));
        File.Move(temp, PathOf(name), overwrite: true);
    }

    public void Write(string name, string content) => File.WriteAllBytes(PathOf(name), Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
