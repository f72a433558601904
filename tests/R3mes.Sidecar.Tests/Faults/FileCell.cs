using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// A matrix cell for the disk faults: secret <c>app</c> from the file source (<c>src/</c>) into <c>jwt_secret</c> and
/// <c>api_secret_key</c>. The backend never fails here; the output directory does.
/// </summary>
internal static class FileCell
{
    public static async Task<FaultCell> StartAsync(TempWorkspace workspace)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var first = new Dictionary<string, string> { ["jwt_secret"] = $"jwt-first-{id}", ["api_secret_key"] = $"api-first-{id}" };
        var next = new Dictionary<string, string> { ["jwt_secret"] = $"jwt-next-{id}-{new string('n', 2000)}", ["api_secret_key"] = $"api-next-{id}-{new string('n', 2000)}" };
        foreach (var (name, value) in first)
        {
            workspace.WriteSource(name, value);
        }

        var port = FreePort.Next();
        string Config(string listen) => $$"""
            output: { dir: out }
            log: { level: debug }
            retry_budget: 3s
            {{listen}}
            secrets:
              - name: {{FaultCell.Secret}}
                source: { file: src }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """;
        var config = workspace.WriteConfig(Config($"listen: 127.0.0.1:{port}"));
        var cell = new FaultCell
        {
            Workspace = workspace,
            Run = SidecarProcess.Start(["run", "-c", config]),
            Endpoints = new LocalEndpoints(port),
            Backend = "file",
            First = first,
            Next = next,
            PublishAsync = () =>
            {
                foreach (var (name, value) in next)
                {
                    workspace.WriteSource(name, value);
                }

                return Task.CompletedTask;
            },
            // The same output directory: under a disk fault once cannot write there either.
            OnceConfig = workspace.WriteConfig(Config(""), "once.yaml"),
            OnceOutput = workspace.Output,
        };
        await Eventually.Until(() => cell.Holds(first), Eventually.DefaultTimeout, () => "first render:\n" + cell.Describe());
        await Eventually.Until(async () => (string?)(await cell.Endpoints.SecretAsync(FaultCell.Secret))["state"] == "ok", Eventually.DefaultTimeout, cell.Describe);
        return cell;
    }

    /// <summary>Temporary files of the writer's pattern (<c>.NAME.tmp-…</c>) left in the output directory.</summary>
    public static IReadOnlyList<string> TempFiles(TempWorkspace workspace) =>
        [.. Directory.EnumerateFiles(workspace.Output, ".*.tmp-*").Select(Path.GetFileName).OfType<string>()];
}
