using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary><c>health</c>: exit 0 when the sidecar's /readyz answers 200, 1 when it is not ready or not there.</summary>
public sealed class HealthCommandTests
{
    [Fact]
    public async Task Health_ExitsZeroWhenReady_OneWhenNotReady_OneWhenNothingListens()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "j");
        var ready = FreePort.Next();
        var waiting = FreePort.Next();
        using var good = SidecarProcess.Start(["run", "-c", workspace.WriteConfig(Config(ready, "{ jwt_secret: {} }"), "good.yaml")]);
        using var bad = SidecarProcess.Start(["run", "-c", workspace.WriteConfig(Config(waiting, "{ other: \"{{ no_such_field }}\" }"), "bad.yaml")]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("jwt_secret")), Eventually.DefaultTimeout, () => good.Transcript);

        SidecarProcess? healthy = null;
        await Eventually.Until(async () =>
        {
            healthy?.Dispose();
            healthy = await SidecarProcess.RunAsync("health", "--address", $"127.0.0.1:{ready}");
            return healthy.ExitCode == 0;
        }, Eventually.DefaultTimeout, () => healthy?.Transcript ?? "");
        await bad.WaitForOutputAsync("refreshing secret app failed");
        using var notReady = await SidecarProcess.RunAsync("health", "--address", $"127.0.0.1:{waiting}");
        using var nothing = await SidecarProcess.RunAsync("health", "--address", $"127.0.0.1:{FreePort.Next()}");

        Assert.Contains("/readyz: ready", healthy!.Stdout, StringComparison.Ordinal);
        Assert.True(notReady.ExitCode == 1, notReady.Transcript);
        Assert.Contains("503 waiting for: app", notReady.Stderr, StringComparison.Ordinal);
        Assert.True(nothing.ExitCode == 1, nothing.Transcript);
        Assert.Contains("no answer", nothing.Stderr, StringComparison.Ordinal);
        healthy.Dispose();
    }

    private static string Config(int port, string files) => $$"""
        output: { dir: out }
        listen: 127.0.0.1:{{port}}
        secrets:
          - name: app
            source: { file: src }
            files: {{files}}
        """;
}
