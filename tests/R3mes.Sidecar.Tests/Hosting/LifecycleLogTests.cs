using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Hosting;

/// <summary>
/// Issue 9 item 7: the log tells a sidecar's life — one start line (version, config, secrets, backends, endpoints),
/// SIGHUP acknowledged, a "recovered" line when a failing secret succeeds again, one shutdown line with the reason.
/// </summary>
public sealed class LifecycleLogTests
{
    [Fact]
    public async Task Run_StartHangupRecoveryAndSigterm_EachSaidOnce()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "jwt-1");
        workspace.WriteSource("creds.json", "{\"user\": \"u\"}");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            listen: 127.0.0.1:{{port}}
            secrets:
              - name: app
                source: { file: src/app }
                files: { jwt_secret: {} }
              - name: creds
                source: { file: src/creds.json, key: api_key }
                files: { api_secret_key: {} }
            """);

        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("refreshing secret creds failed");
        workspace.WriteSource("creds.json", "{\"api_key\": \"k\"}");
        await run.WaitForOutputAsync("secret creds recovered: refreshed after");
        run.Signal(Unix.SigHup);
        await run.WaitForOutputAsync("SIGHUP received: refreshing 2 secret(s) now");
        run.Signal(Unix.SigTerm);

        Assert.Equal(0, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));
        var start = Assert.Single(run.Transcript.Split('\n'), l => l.Contains(" starting run: ", StringComparison.Ordinal));
        Assert.Matches(@"r3mes-sidecar \S+ starting run: ", start);
        Assert.EndsWith($"starting run: config {config}, 2 secret(s), backends: file, endpoints: 127.0.0.1:{port} (/healthz /readyz /status /metrics)", start, StringComparison.Ordinal);
        Assert.Equal(1, run.CountLines("secret creds recovered"));
        Assert.Equal(0, run.CountLines("secret app recovered"));
        Assert.Equal(1, run.CountLines("shutting down: SIGTERM received"));
        Assert.Equal(1, run.CountLines("shutting down:"));
    }

    [Fact]
    public async Task Once_StartLineSaysNoEndpoints()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Contains($"starting once: config {config}, 1 secret(s), backends: file, endpoints: none", once.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_ChildExitsOnItsOwn_ShutdownLineGivesItsCode()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            """);

        using var exec = SidecarProcess.Start(["exec", "-c", config, "--", "/bin/sh", "-c", "exit 3"]);

        Assert.Equal(3, await exec.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Equal(1, exec.CountLines("shutting down: the child exited with code 3"));
    }
}
