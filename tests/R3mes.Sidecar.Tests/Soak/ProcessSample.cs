namespace R3mes.Sidecar.Tests.Soak;

/// <summary>
/// One reading of a process's resident memory and thread count from <c>/proc/PID/status</c>, with its threads by name
/// (<c>/proc/PID/task/*/comm</c>, e.g. ".NET TP Worker ×5"): which threads a growth is made of.
/// </summary>
internal sealed record ProcessSample(TimeSpan At, long RssKb, int Threads, string ThreadNames)
{
    public static ProcessSample? Read(int pid, TimeSpan at)
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            long Field(string name) => long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return new ProcessSample(at, Field("VmRSS:"), (int)Field("Threads:"), Names(pid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process exited between reads (its /proc entry is gone, or a field with it).
            return null;
        }
    }

    private static string Names(int pid)
    {
        var names = new List<string>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (IOException)
            {
                // That thread ended while the directory was listed.
            }
        }

        return string.Join(", ", names.GroupBy(n => n, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
    }
}
