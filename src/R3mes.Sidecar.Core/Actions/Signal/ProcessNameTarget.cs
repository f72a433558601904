using System.Globalization;

namespace R3mes.Sidecar.Actions.Signal;

/// <summary>
/// Every process with exactly this name, found in <c>/proc</c> at every run: its <c>comm</c> (what <c>ps</c>
/// shows, at most 15 characters) or the file name of its <c>argv[0]</c>. Never the sidecar itself. Seeing the
/// consumer's processes needs a PID namespace shared with it.
/// </summary>
/// <param name="name">A process name, compared exactly (ordinal).</param>
/// <param name="procRoot">Where procfs is mounted; <c>/proc</c> except in tests.</param>
internal sealed class ProcessNameTarget(string name, string procRoot) : ISignalTarget
{
    public string Description => $"processes named {name}";

    public IReadOnlyList<int> Find()
    {
        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var directory in Directories())
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                pid > 0 && pid != self && IsNamed(directory))
            {
                found.Add(pid);
            }
        }

        return found.Count > 0
            ? found
            : throw new ActionFailedException($"no process named {name} is running (signalling by name needs a PID namespace shared with the process)");
    }

    private IEnumerable<string> Directories()
    {
        try
        {
            return Directory.GetDirectories(procRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ActionFailedException($"cannot list processes in {procRoot}: {e.Message}", e);
        }
    }

    private bool IsNamed(string directory) =>
        ReadOrNull(Path.Combine(directory, "comm")) is { } comm && comm.TrimEnd('\n') == name ||
        ReadOrNull(Path.Combine(directory, "cmdline")) is { } cmdline && ProgramName(cmdline) == name;

    /// <summary>The file name of argv[0]: <c>/usr/sbin/nginx\0-g\0…</c> gives <c>nginx</c>.</summary>
    private static string ProgramName(string cmdline)
    {
        var end = cmdline.IndexOf('\0', StringComparison.Ordinal);
        var argv0 = end < 0 ? cmdline : cmdline[..end];
        return argv0[(argv0.LastIndexOf('/') + 1)..];
    }

    /// <summary>A process can exit, or hide its details, while we look: that process is simply not a match.</summary>
    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
