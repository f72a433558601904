using System.Diagnostics;

namespace R3mes.Sidecar.Tests.Support.Faults;

/// <summary>
/// A small tmpfs mounted over a directory (root), for the disk faults: <see cref="Fill"/> takes every free byte
/// (ENOSPC for the next write), <see cref="ReadOnly"/> remounts it read-only (EROFS). Dispose unmounts it. A test
/// that cannot mount fails with the reason instead of skipping.
/// </summary>
internal sealed class SmallTmpfs : IDisposable
{

    private SmallTmpfs(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KiB over <paramref name="directory"/> (which must exist, empty).</summary>
    public static SmallTmpfs Mount(string directory, int kilobytes)
    {
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0755", "tmpfs", directory);
        return new SmallTmpfs(directory);
    }

    /// <summary>Writes a hidden file in the mount until the file system is full; returns its path (delete it to free the space).</summary>
    public string Fill()
    {
        var path = System.IO.Path.Combine(Directory, ".filler");
        var block = new byte[4096];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }

        return path;
    }

    public void ReadOnly() => Run("mount", "-o", "remount,ro", Directory);

    public void ReadWrite() => Run("mount", "-o", "remount,rw", Directory);

    public void Dispose()
    {
        Run("umount", "-l", Directory);
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Trim()} — the disk-fault cells need root and mount(8)");
    }
}
