using System.Diagnostics;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>
/// Runs the real <c>r3mes-sidecar check</c> (R3MES_SIDECAR_BINARY, else the apphost next to this assembly) on a
/// configuration given the way the injector gives it: in <c>R3MES_SIDECAR_CONFIG_INLINE</c>.
/// </summary>
internal static class SidecarCheck
{
    public static (int ExitCode, string Output) Run(string inlineConfig, IReadOnlyDictionary<string, string>? environment = null)
    {
        var configured = Environment.GetEnvironmentVariable("R3MES_SIDECAR_BINARY");
        var binary = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "r3mes-sidecar") : Path.GetFullPath(configured);
        Assert.True(File.Exists(binary), $"r3mes-sidecar not found at {binary}");
        var info = new ProcessStartInfo(binary, ["check"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("R3MES_", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        info.Environment["R3MES_SIDECAR_CONFIG_INLINE"] = inlineConfig;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        // check also verifies the output directory; in the pod /run/secrets is the injected memory volume, which this
        // machine does not have: point it at a fresh tmpfs directory (/dev/shm), whatever the configuration pinned.
        var shm = Directory.CreateDirectory(Path.Combine("/dev/shm", $"r3mes-inject-check-{Guid.NewGuid():N}")).FullName;
        info.Environment["R3MES_SIDECAR__output__dir"] = shm;
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "check did not finish within 60 s");
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            Directory.Delete(shm, recursive: true);
        }
    }
}
