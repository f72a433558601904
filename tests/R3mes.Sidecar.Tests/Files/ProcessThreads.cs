using System.Globalization;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>The thread count of a running process, as the kernel reports it in <c>/proc/PID/status</c>.</summary>
internal static class ProcessThreads
{
    public static int Of(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Open inotify instances of a process (descriptors linking to <c>anon_inode:inotify</c>).</summary>
    public static int InotifyInstances(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").GetFileSystemInfos().Count(fd => fd.LinkTarget is "anon_inode:inotify");
}
