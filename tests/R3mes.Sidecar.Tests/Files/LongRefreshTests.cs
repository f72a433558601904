using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// A refresh longer than a timer can wait (~49.7 days) used to kill the secret's loop at its first sleep while the
/// other secrets kept the process up: the secret silently stopped following its file. Now the loop sleeps at most
/// 30 days at a time, keeps following changes, and nothing dies.
/// </summary>
public sealed class LongRefreshTests
{
    [Fact]
    public async Task Run_Refresh60Days_KeepsFollowingChangesAndNoLoopDies()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("rare/ca_bundle.txt", "bundle-1");
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - { name: ca, source: { file: src/rare/ca_bundle.txt }, files: { ca_bundle: {} }, refresh: 60d }
              - { name: jwt, source: { file: src/jwt_secret.txt }, files: { jwt_secret: {} } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(
            () => File.Exists(workspace.OutputFile("ca_bundle")) && File.Exists(workspace.OutputFile("jwt_secret")),
            Eventually.DefaultTimeout,
            () => run.Transcript);

        workspace.WriteSource("rare/ca_bundle.txt", "bundle-2");

        await Eventually.Until(() => workspace.ReadOutput("ca_bundle") == "bundle-2", TimeSpan.FromSeconds(10), () => run.Transcript);
        Assert.DoesNotContain("died", run.Transcript, StringComparison.Ordinal);
        Assert.False(run.HasExited, run.Transcript);
        run.Signal(Unix.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }
}
