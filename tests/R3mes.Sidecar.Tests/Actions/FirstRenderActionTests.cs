using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Actions;

/// <summary>
/// Issue 9 item 5: a cold start's first render creates the files before the app exists, so by default it runs no
/// action (no attempt, no failure counted); a later change does. <c>on_first_render: true</c> opts an action in.
/// </summary>
public sealed class FirstRenderActionTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Writes its pid to a pidfile, then appends a line per SIGHUP.</summary>
    private const string HangupCounter = """
        trap 'echo hup >> "$2"' HUP
        trap 'exit 0' TERM
        echo $$ > "$1"
        while true; do sleep 1 >/dev/null 2>&1 & wait $!; done
        """;

    [Fact]
    public async Task Run_ColdStartWithoutPidfile_NoAttemptOnlyTheOptedInActionRunsThenAChangeSignalsTheApp()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        var pidfile = workspace.PathOf("app.pid");
        var hangups = workspace.PathOf("hangups.log");
        var marker = workspace.PathOf("marker.log");
        var record = workspace.WriteScript("record.sh", "echo \"$R3MES_CHANGED\" >> \"$1\"\n");
        var port = FreePort.Next();
        // backend's window (100 ms) ends long before marker's (1 s): when marker has run, backend would have tried.
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{port}}
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                on_change: [backend, marker]
            actions:
              backend: { signal: SIGHUP, process: { pidfile: app.pid }, wait: { min: 50ms, max: 100ms } }
              marker: { command: [{{record}}, {{marker}}], on_first_render: true, wait: { min: 1s, max: 2s } }
            """);

        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("action marker ran");
        var coldStart = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        Assert.Equal(["jwt_secret"], File.ReadAllLines(marker));
        Assert.Contains("action backend not run: secret app was rendered for the first time by this start", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("action backend failed", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("action backend ran", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("app.pid", run.Transcript, StringComparison.Ordinal);
        // Every action's series exist at 0 from the start (docs/metrics.md): no run and no failure at a cold start.
        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"backend\",result=\"success\"} 0", coldStart, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"backend\",result=\"failure\"} 0", coldStart, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"marker\",result=\"failure\"} 0", coldStart, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"marker\",result=\"success\"} 1", coldStart, StringComparison.Ordinal);

        using var app = ScriptProcess.Start(workspace.WriteScript("app.sh", HangupCounter), pidfile, hangups);
        await Eventually.Until(() => File.Exists(pidfile) && File.ReadAllText(pidfile).Trim() == app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Eventually.DefaultTimeout);
        workspace.WriteSource("jwt_secret.txt", "jwt-2");

        await run.WaitForOutputAsync("action backend ran");
        await Eventually.Until(() => File.Exists(hangups) && File.ReadAllLines(hangups).Length == 1, Eventually.DefaultTimeout, () => run.Transcript);
        await Eventually.Until(() => File.ReadAllLines(marker).Length == 2, Eventually.DefaultTimeout, () => run.Transcript);
        var afterChange = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"backend\",result=\"success\"} 1", afterChange, StringComparison.Ordinal);
        Assert.DoesNotMatch("result=\"failure\"\\} [1-9]", afterChange);
    }

    [Fact]
    public async Task Run_RestartFindsAnOlderValue_TheChangeRunsTheAction()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-new");
        File.WriteAllText(workspace.OutputFile("jwt_secret"), "jwt-old");
        var marker = workspace.PathOf("marker.log");
        var record = workspace.WriteScript("record.sh", "echo \"$R3MES_CHANGED\" >> \"$1\"\n");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                on_change: [marker]
            actions:
              marker: { command: [{{record}}, {{marker}}], wait: { min: 50ms, max: 100ms } }
            """);

        using var run = SidecarProcess.Start(["run", "-c", config]);

        await run.WaitForOutputAsync("action marker ran");
        Assert.Equal(["jwt_secret"], File.ReadAllLines(marker));
        Assert.Equal("jwt-new", workspace.ReadOutput("jwt_secret"));
    }
}
