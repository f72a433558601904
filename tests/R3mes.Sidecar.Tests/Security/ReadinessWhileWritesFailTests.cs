using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding (issue 15, "/readyz while writes fail"): with the output directory deleted, or the volume full
/// and a file gone, <c>/readyz</c> kept answering 200 — it only asked whether each secret had once been rendered.
/// Readiness now also asks whether the files are there. "Stale" (last refresh failed, the last good file in place)
/// stays ready: the app reads a good value. "Missing" (the file is gone and the write that would restore it fails)
/// is not ready. Both recover without a restart.
/// </summary>
public sealed class ReadinessWhileWritesFailTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Run_OutputDirectoryDeleted_ReadyzSaysMissingUntilItIsBack()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "CANARY-ready-dir-41c7");
        var (run, root) = Start(workspace);
        using (run)
        {
            await UntilReadyzAsync(root, HttpStatusCode.OK, "ready", run);

            Directory.Delete(workspace.Output, recursive: true);

            await UntilReadyzAsync(root, HttpStatusCode.ServiceUnavailable, "waiting for: app (missing jwt_secret)", run);
            await run.WaitForOutputAsync("refreshing secret app failed");
            Directory.CreateDirectory(workspace.Output);
            await UntilReadyzAsync(root, HttpStatusCode.OK, "ready", run);
            Assert.Equal("CANARY-ready-dir-41c7", workspace.ReadOutput("jwt_secret"));
        }
    }

    [Fact]
    public async Task Run_VolumeFull_StaleFileStaysReadyAndAMissingOneIsNot()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "CANARY-ready-full-1");
        using var volume = SmallTmpfs.Mount(workspace.Output, kilobytes: 64);
        var (run, root) = Start(workspace);
        using (run)
        {
            await UntilReadyzAsync(root, HttpStatusCode.OK, "ready", run);
            var filler = volume.Fill();

            // Stale: the new value cannot be written (ENOSPC), the last good file is in place, the app can read it.
            workspace.WriteSource("app/jwt_secret.txt", "CANARY-ready-full-2-" + new string('x', 8192));
            await Eventually.Until(async () => await StateAsync(root) == "stale", Eventually.DefaultTimeout, () => run.Transcript);
            Assert.Equal((HttpStatusCode.OK, "ready\n"), await ReadyzAsync(root));
            Assert.Equal("CANARY-ready-full-1", workspace.ReadOutput("jwt_secret"));

            // Missing: the file is gone and the write that would restore it fails.
            File.Delete(workspace.OutputFile("jwt_secret"));
            await UntilReadyzAsync(root, HttpStatusCode.ServiceUnavailable, "waiting for: app (missing jwt_secret)", run);

            File.Delete(filler);
            await UntilReadyzAsync(root, HttpStatusCode.OK, "ready", run);
            Assert.StartsWith("CANARY-ready-full-2-", workspace.ReadOutput("jwt_secret"), StringComparison.Ordinal);
        }
    }

    private static (SidecarProcess Run, Uri Root) Start(TempWorkspace workspace)
    {
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            listen: 127.0.0.1:{{port}}
            secrets:
              - name: app
                source: { file: src/app, settle: 50ms }
                files: { jwt_secret: {} }
                refresh: 200ms
            """);
        return (SidecarProcess.Start(["run", "-c", config]), new Uri($"http://127.0.0.1:{port}"));
    }

    private static Task UntilReadyzAsync(Uri root, HttpStatusCode status, string body, SidecarProcess run) =>
        Eventually.Until(
            async () => await ReadyzAsync(root) is var (code, text) && code == status && text.StartsWith(body, StringComparison.Ordinal),
            Eventually.DefaultTimeout,
            () => $"/readyz never answered {(int)status} '{body}'; transcript:\n{run.Transcript}");

    private static async Task<(HttpStatusCode, string)> ReadyzAsync(Uri root)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(root, "/readyz"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return (0, "");
        }
    }

    private static async Task<string?> StateAsync(Uri root)
    {
        var status = JsonNode.Parse(await Http.GetStringAsync(new Uri(root, "/status")))!;
        return (string?)status["secrets"]!.AsArray().Single(s => (string?)s!["name"] == "app")!["state"];
    }
}
