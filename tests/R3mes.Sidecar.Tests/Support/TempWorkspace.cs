using System.Text;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// A fresh temporary directory per test with <c>src/</c> (file sources) and <c>out/</c> (the output directory).
/// Relative paths in a configuration resolve against its file's directory, so configs written here can say
/// <c>dir: out</c> and <c>file: src</c>. Source files are written atomically (temp + rename), so a test measures
/// the sidecar and never a torn source read.
/// </summary>
internal sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("r3mes-it-").FullName;
        Directory.CreateDirectory(Source);
        Directory.CreateDirectory(Output);
    }

    public string Root { get; }

    public string Source => Path.Combine(Root, "src");

    public string Output => Path.Combine(Root, "out");

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string OutputFile(string name) => Path.Combine(Output, name);

    public string ReadOutput(string name) => File.ReadAllText(OutputFile(name));

    /// <summary>Writes the configuration file and returns its path.</summary>
    public string WriteConfig(string yaml, string name = "sidecar.yaml")
    {
        var path = PathOf(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Writes <c>src/<paramref name="relative"/></c> atomically, creating its directory.</summary>
    public string WriteSource(string relative, string content) => WriteSource(relative, Encoding.UTF8.GetBytes(content));

    public string WriteSource(string relative, byte[] content)
    {
        var target = Path.Combine(Source, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var staging = PathOf($".staging-{Guid.NewGuid():N}");
        File.WriteAllBytes(staging, content);
        File.Move(staging, target, overwrite: true);
        return target;
    }

    /// <summary>Writes an executable bash script and returns its path.</summary>
    public string WriteScript(string name, string body)
    {
        var path = PathOf(name);
        File.WriteAllText(path, "#!/bin/bash\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process a failed test left behind may still hold it; /tmp is cleaned eventually.
        }
    }
}
