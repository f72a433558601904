namespace R3mes.Sidecar.Tests.Soak;

/// <summary>One reading of a process's resident memory and thread count from <c>/proc/PID/status</c>.</summary>
internal sealed record ProcessSample(TimeSpan At, long RssKb, int Threads)
{
    public static ProcessSample? Read(int pid, TimeSpan at)
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            long Field(string name) => long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return new ProcessSample(at, Field("VmRSS:"), (int)Field("Threads:"));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
