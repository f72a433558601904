using System.Diagnostics;

namespace R3mes.Sidecar.Tests.Monitoring;

/// <summary>Runs Prometheus' <c>promtool</c> (Debian package <c>prometheus</c>; test.sh installs it).</summary>
internal static class Promtool
{
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        var path = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is not installed: apt-get install -y prometheus (test.sh does it)");
        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
