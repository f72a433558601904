using System.Diagnostics;
using System.Globalization;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// What <c>stat</c> (lstat: symlinks are not followed) says about a path: owner, permission bits in octal
/// (<c>600</c>), inode, and the modification time to the nanosecond.
/// </summary>
internal sealed record FileStatus(int Uid, int Gid, string Mode, long Inode, string ModifiedNanoseconds)
{
    public string Owner => $"{Uid}:{Gid}";

    public static FileStatus Of(string path)
    {
        var info = new ProcessStartInfo("stat") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "%u %g %a %i %.9Y", path })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"stat {path} failed: {error}");
        var parts = output.Trim().Split(' ');
        return new FileStatus(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            parts[2],
            long.Parse(parts[3], CultureInfo.InvariantCulture),
            parts[4]);
    }
}
