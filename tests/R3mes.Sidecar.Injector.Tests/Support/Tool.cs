using System.Diagnostics;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>Runs a command-line tool (kubectl, node, a script) to its end; a missing tool fails the test, never skips it.</summary>
internal static class Tool
{
    public static string Run(string program, IEnumerable<string> args, string? workingDirectory = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"{program} is not installed ({e.Message}); test.sh installs what the suite needs");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }

            process.StandardInput.Close();
            Assert.True(process.WaitForExit(120_000), $"{program} {string.Join(' ', args)} did not finish within 120 s");
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
            return stdout.Result;
        }
    }

    /// <summary><c>kubectl kustomize DIR</c>: kustomize is built into kubectl and runs offline.</summary>
    public static string Kustomize(string directory) => Run("kubectl", ["kustomize", directory]);

    /// <summary>YAML documents → a JSON array, with the same YAML parser the schema validator uses.</summary>
    public static string YamlToJson(string yaml) =>
        Run("node", [Path.Combine(KubernetesSchema.ToolDirectory, "to-json.mjs")], KubernetesSchema.ToolDirectory, yaml);
}
