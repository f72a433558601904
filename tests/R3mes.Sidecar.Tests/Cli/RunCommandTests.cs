using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary><c>run</c>: the daemon renders, keeps files fresh, and exits 0 on SIGTERM.</summary>
public sealed class RunCommandTests
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Run_OnSigterm_ExitsZeroPromptly()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        var signalled = TimeProvider.System.GetTimestamp();
        run.Signal(Unix.SigTerm);
        var code = await run.WaitForExitAsync(Promptly);

        Assert.True(code == 0, $"exit code {code} after {TimeProvider.System.GetElapsedTime(signalled).TotalMilliseconds:0} ms; transcript:\n{run.Transcript}");
    }

    [Fact]
    public async Task Run_WhenTheSourceChanges_RewritesTheOutputFile()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                refresh: 1h
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        workspace.WriteSource("jwt_secret.txt", "jwt-value-2");

        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-value-2", Eventually.DefaultTimeout, () => run.Transcript);
    }

    [Fact]
    public async Task Run_OnSighup_RefreshesEverySecretNow()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        // A hard link outside the watched directory: writing through it changes the source without an inotify
        // event on src/, so only the poll (an hour away) or SIGHUP can pick the change up.
        var sideDoor = workspace.PathOf("side-door");
        Unix.HardLink(Path.Combine(workspace.Source, "jwt_secret.txt"), sideDoor);
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                refresh: 1h
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");
        File.WriteAllText(sideDoor, "jwt-value-2");

        run.Signal(Unix.SigHup);

        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-value-2", Eventually.DefaultTimeout, () => run.Transcript);
        Assert.False(run.HasExited, run.Transcript);
    }
}
