using System.Net;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Actions;

/// <summary>Actions run by <c>run</c>: signal, command and http, debounced, retried, never fatal.</summary>
public sealed class ReloadActionTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Writes its pid to a pidfile, then appends a line per SIGHUP; <c>sleep &amp; wait</c> lets the trap run at once.</summary>
    private const string HangupCounter = """
        trap 'echo hup >> "$2"' HUP
        trap 'exit 0' TERM
        echo $$ > "$1"
        while true; do sleep 1 >/dev/null 2>&1 & wait $!; done
        """;

    [Fact]
    public async Task SignalAction_ForABurstOfChangesInsideTheDebounceWindow_SendsExactlyOneSighup()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "burst-0");
        var pidfile = workspace.PathOf("app.pid");
        var hangups = workspace.PathOf("hangups.log");
        using var consumer = ScriptProcess.Start(workspace.WriteScript("consumer.sh", HangupCounter), pidfile, hangups);
        await Eventually.Until(() => File.Exists(pidfile) && File.ReadAllText(pidfile).Trim() == consumer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Eventually.DefaultTimeout);
        // The debounce semantics (a burst inside the quiet period runs once) are pinned on a fake clock in
        // ActionRunnerTests; here the window is wide (5 s quiet, 60 s longest) so the binary's one SIGHUP for the
        // whole burst does not depend on how fast this machine writes five files.
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                on_change: [backend]
            actions:
              backend: { signal: SIGHUP, process: { pidfile: app.pid }, wait: { min: 5s, max: 60s } }
            """);
        using (var once = await SidecarProcess.RunAsync("once", "-c", config))
        {
            Assert.True(once.ExitCode == 0, once.Transcript);
        }

        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("jwt_secret unchanged for secret app");
        for (var i = 1; i <= 5; i++)
        {
            var value = $"burst-{i}";
            workspace.WriteSource("jwt_secret.txt", value);
            await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == value, Eventually.DefaultTimeout, () => run.Transcript);
        }

        await run.WaitForOutputAsync("action backend ran");
        await Eventually.Until(() => Lines(hangups).Length > 0, Eventually.DefaultTimeout, () => run.Transcript);
        await Eventually.Quiet(TimeSpan.FromSeconds(6));

        Assert.Equal(["hup"], Lines(hangups));
        Assert.Equal(5, run.CountLines("wrote jwt_secret"));
        Assert.Equal(1, run.CountLines("action backend ran"));
        Assert.Equal(1, run.CountLines("action backend ran (signal SIGHUP to the pid in"));
        Assert.Equal(1, run.CountLines("for changed files: jwt_secret"));
        Assert.False(run.HasExited, run.Transcript);
    }

    [Fact]
    public async Task CommandAndHttpActions_AfterAChange_GetTheChangedFileNamesAndTheConfiguredMethod()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("postgres_user.txt", "r3mes");
        workspace.WriteSource("postgres_password.txt", "pw-1");
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        await using var hook = new LoopbackHttpServer();
        var changed = workspace.PathOf("changed.log");
        var config = workspace.WriteConfig($$$"""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files:
                  jwt_secret: {}
                  postgres_password: {}
                  database_url: "postgresql://{{ postgres_user | url }}:{{ postgres_password | url }}@db/r3mes"
                on_change: [notify, hook]
            actions:
              notify: { command: [/bin/sh, -c, 'printf "%s\n--\n" "$R3MES_CHANGED" >> "$0"', "{{{changed}}}"], timeout: 5s, wait: { min: 200ms, max: 1s } }
              hook: { http: { url: "{{{hook.Url("/reload")}}}", method: PUT }, wait: { min: 200ms, max: 1s } }
            """);
        using (var once = await SidecarProcess.RunAsync("once", "-c", config))
        {
            Assert.True(once.ExitCode == 0, once.Transcript);
        }

        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("postgres_password unchanged for secret app");

        workspace.WriteSource("postgres_password.txt", "pw-2");

        await run.WaitForOutputAsync("action notify ran");
        await run.WaitForOutputAsync("action hook ran");
        Assert.Equal("database_url\npostgres_password\n--\n", File.ReadAllText(changed));
        var request = Assert.Single(hook.Requests);
        Assert.Equal(("PUT", "/reload", "database_url,postgres_password"), (request.Method, request.Path, request.Headers["X-R3mes-Changed"]));
    }

    [Fact]
    public async Task FailingAction_IsRetriedAndLogged_AndTheSidecarKeepsWorking()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{port}}
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                on_change: [broken]
            actions:
              broken: { command: [/bin/false], wait: { min: 100ms, max: 500ms } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        workspace.WriteSource("jwt_secret.txt", "jwt-2");
        await run.WaitForOutputAsync("action broken failed, attempt 2");
        workspace.WriteSource("jwt_secret.txt", "jwt-3");

        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-3", Eventually.DefaultTimeout, () => run.Transcript);
        using var health = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(run.HasExited, run.Transcript);
        Assert.Contains("command /bin/false exited with code 1", run.Transcript, StringComparison.Ordinal);
    }

    private static string[] Lines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : [];
}
