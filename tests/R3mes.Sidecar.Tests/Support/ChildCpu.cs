using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// Runs a command under bash and returns the CPU time (user + system) it used, from bash's <c>times</c>: CPU time,
/// unlike wall time, does not grow when a shared machine makes the process wait.
/// </summary>
internal static partial class ChildCpu
{
    public static async Task<(int ExitCode, TimeSpan Cpu, string Stdout)> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var outputFile = Path.GetTempFileName();
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("\"$@\" > \"$R3MES_TEST_OUT\" 2>&1; rc=$?; times; exit $rc");
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LC_ALL"] = "C";
        info.Environment["R3MES_TEST_OUT"] = outputFile;
        using var process = Process.Start(info)!;
        var times = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0}s");
        }

        var lines = (await times).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var children = Clock().Matches(lines[^1]);
        Assert.True(children.Count == 2, $"unexpected 'times' output: {string.Join(" | ", lines)}");
        var cpu = children.Sum(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60) + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var stdout = await File.ReadAllTextAsync(outputFile);
        File.Delete(outputFile);
        return (process.ExitCode, TimeSpan.FromSeconds(cpu), stdout);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex Clock();
}
