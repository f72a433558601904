using System.Diagnostics;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>A tmpfs of a few kilobytes mounted on a directory (root only), to make writes fail with ENOSPC; unmounted on dispose.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private readonly string _path;

    private SmallTmpfs(string path) => _path = path;

    public static SmallTmpfs Mount(string path, int kilobytes)
    {
        Assert.True(Unix.IsRoot, "mounting a tmpfs needs root; run the suite as root as test.sh does");
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0755", "tmpfs", path);
        return new SmallTmpfs(path);
    }

    /// <summary>Fills the file system with one file until the kernel says ENOSPC.</summary>
    public void Fill()
    {
        using var filler = new FileStream(Path.Combine(_path, "filler"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1024];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public void Dispose() => Run("umount", "-l", _path);

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {error}");
    }
}
