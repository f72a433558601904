using System.Diagnostics;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>
/// Validates Kubernetes objects against the Kubernetes OpenAPI schema with npm's kubernetes-models
/// (tests/tools/k8s-validate; test.sh runs <c>npm ci</c> there). Fails the test — never skips — when Node or the
/// packages are missing.
/// </summary>
internal static class KubernetesSchema
{
    public static string ToolDirectory => Path.Combine(RepositoryRoot.Path, "tests", "tools", "k8s-validate");

    /// <summary>Validates the YAML or JSON documents in <paramref name="objects"/>; returns the validator's report.</summary>
    public static string AssertValid(string objects)
    {
        Assert.True(Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "kubernetes-models")),
            $"kubernetes-models is not installed: run 'npm ci' in {ToolDirectory} (test.sh does)");
        var info = new ProcessStartInfo("node", [Path.Combine(ToolDirectory, "validate.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ToolDirectory,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(objects);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), "the schema validator did not finish within 60 s");
        var report = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"Kubernetes schema validation failed:\n{report}\nobjects:\n{objects}");
        return report;
    }
}
