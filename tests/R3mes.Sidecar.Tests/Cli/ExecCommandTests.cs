using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary><c>exec -- CMD</c>: render first, then supervise the child, reload it on change, exit with its code.</summary>
public sealed class ExecCommandTests
{
    /// <summary>
    /// Records whether the secret existed (and what it held) at start, each SIGHUP, and SIGTERM, after which it
    /// exits 42. <c>sleep &amp; wait</c> lets a trap run at once; sleep's output goes nowhere so it cannot hold the
    /// sidecar's pipes open after the child is gone.
    /// </summary>
    private const string RecordingChild = """
        secret="$1"; record="$2"
        if [ -f "$secret" ]; then echo "start:$(cat "$secret")" >> "$record"; else echo "start:missing" >> "$record"; fi
        trap 'echo hup >> "$record"' HUP
        trap 'echo term >> "$record"; exit 42' TERM
        echo ready >> "$record"
        while true; do sleep 1 >/dev/null 2>&1 & wait $!; done
        """;

    [Fact]
    public async Task Exec_StartsTheChildAfterRenderReloadsItOnChangeAndExitsWithItsCodeOnSigterm()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        var child = workspace.WriteScript("child.sh", RecordingChild);
        var record = workspace.PathOf("record.log");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            exec: { on_change: reload, signal: SIGHUP, kill_timeout: 5s }
            """);
        using var exec = SidecarProcess.Start(["exec", "-c", config, "--", child, workspace.OutputFile("jwt_secret"), record]);
        await Eventually.Until(() => Lines(record).Contains("ready"), Eventually.DefaultTimeout, () => exec.Transcript);
        Assert.Equal("start:jwt-value-1", Lines(record)[0]);

        workspace.WriteSource("jwt_secret.txt", "jwt-value-2");
        await Eventually.Until(() => Lines(record).Contains("hup"), Eventually.DefaultTimeout, () => exec.Transcript);
        Assert.Equal("jwt-value-2", workspace.ReadOutput("jwt_secret"));

        exec.Signal(Unix.SigTerm);
        var code = await exec.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(code == 42, $"exit code {code}; child record: {string.Join(",", Lines(record))}; transcript:\n{exec.Transcript}");
        Assert.Equal(["start:jwt-value-1", "ready", "hup", "term"], Lines(record));
    }

    [Fact]
    public async Task Exec_WhenTheChildExitsOnItsOwn_ExitsWithTheChildsCode()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            """);

        using var exec = SidecarProcess.Start(["exec", "-c", config, "--", "/bin/sh", "-c", "test -f \"$0\" && exit 3", workspace.OutputFile("jwt_secret")]);

        Assert.Equal(3, await exec.WaitForExitAsync(SidecarProcess.ExitTimeout));
    }

    private static string[] Lines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : [];
}
