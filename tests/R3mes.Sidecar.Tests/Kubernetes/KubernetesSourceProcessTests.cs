using R3mes.Sidecar.Kubernetes.Emulator;
using R3mes.Sidecar.Tests.Support;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Kubernetes;

/// <summary>
/// Issue 11, acceptance of the <c>kubernetes</c> source, with the real binary against the Kubernetes API emulator
/// over https: create, update and delete of a Secret reach the files within 1 s; a watch cut mid-stream and a
/// 410 Gone (as an ERROR event and as an HTTP status) lose no update; a token file rotated mid-run is picked up
/// while the old token is refused — with trace logging that never shows a token or a value.
/// </summary>
public sealed class KubernetesSourceProcessTests(ITestOutputHelper output)
{
    private const string FirstValue = "CANARY-k8s-value-first-41f0";
    private const string SecondValue = "CANARY-k8s-value-second-77ab";
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Run_CreateUpdateDelete_ReachTheFilesWithinOneSecond_DeletedKeepsTheFile()
    {
        await using var kubernetes = await KubernetesSetup.StartAsync();
        kubernetes.CreateSecret("r3mes", "app", KubernetesSetup.Password("pw-1"));
        using var workspace = new TempWorkspace();
        var notifyLog = workspace.PathOf("notify.log");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            {{KubernetesSetup.Section(kubernetes, workspace)}}
            secrets:
              - name: app
                source: { kubernetes: r3mes/app }
                files: { password: {} }
                on_change: [notify]
              - name: late
                source: { kubernetes: r3mes/late, key: token }
                files: { late_token: {} }
                required: false
            actions:
              notify: { command: [/bin/sh, -c, 'echo run >> "{{notifyLog}}"'], wait: { min: 50ms, max: 200ms } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], KubernetesSetup.NoCluster());
        await Eventually.Until(() => File.Exists(workspace.OutputFile("password")), Eventually.DefaultTimeout, () => run.Transcript + KubernetesSetup.Describe(kubernetes));
        Assert.Equal("pw-1", workspace.ReadOutput("password"));
        await Eventually.Until(() => kubernetes.OpenWatches == 2, Eventually.DefaultTimeout, () => run.Transcript + KubernetesSetup.Describe(kubernetes));

        var updated = await Timed(() => kubernetes.ReplaceSecret("r3mes", "app", KubernetesSetup.Password("pw-2")),
            () => workspace.ReadOutput("password") == "pw-2", run, kubernetes);
        await Eventually.Until(() => File.Exists(notifyLog), Eventually.DefaultTimeout, () => run.Transcript);

        var created = await Timed(() => kubernetes.CreateSecret("r3mes", "late", new Dictionary<string, string> { ["token"] = "late-1" }),
            () => File.Exists(workspace.OutputFile("late_token")) && workspace.ReadOutput("late_token") == "late-1", run, kubernetes);

        var deleted = await Timed(() => kubernetes.DeleteSecret("r3mes", "app"),
            () => run.Transcript.Contains("kubernetes r3mes/app: the Secret does not exist", StringComparison.Ordinal), run, kubernetes);
        Assert.Equal("pw-2", workspace.ReadOutput("password"));

        var recreated = await Timed(() => kubernetes.CreateSecret("r3mes", "app", KubernetesSetup.Password("pw-3")),
            () => workspace.ReadOutput("password") == "pw-3", run, kubernetes);

        output.WriteLine($"latency: update {updated.TotalMilliseconds:0} ms, create {created.TotalMilliseconds:0} ms, delete {deleted.TotalMilliseconds:0} ms, re-create {recreated.TotalMilliseconds:0} ms");
        Assert.All([updated, created, deleted, recreated], took => Assert.True(took < OneSecond, $"update {updated.TotalMilliseconds:0} ms, create {created.TotalMilliseconds:0} ms, delete {deleted.TotalMilliseconds:0} ms, re-create {recreated.TotalMilliseconds:0} ms"));
        Assert.Equal(0, kubernetes.Requests.Count(r => r.Status != 200));
        Assert.DoesNotContain("pw-2", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(KubernetesSetup.FirstToken, run.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_WatchCutMidStream_ThenGone_NoUpdateMissed_WithOnlyListAndWatchOnTheName(bool goneAsHttpStatus)
    {
        await using var kubernetes = await KubernetesSetup.StartAsync(new KubernetesEmulatorOptions
        {
            Token = KubernetesSetup.FirstToken,
            GoneAsHttpStatus = goneAsHttpStatus,
            ResourceNames = new HashSet<string>(StringComparer.Ordinal) { "r3mes/app" },
            AllowedVerbs = new HashSet<string>(StringComparer.Ordinal) { "list", "watch" },
        });
        kubernetes.CreateSecret("r3mes", "app", KubernetesSetup.Password("pw-1"));
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            {{KubernetesSetup.Section(kubernetes, workspace)}}
            secrets:
              - name: app
                source: { kubernetes: r3mes/app }
                files: { password: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], KubernetesSetup.NoCluster());
        string Describe() => run.Transcript + KubernetesSetup.Describe(kubernetes);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("password")) && kubernetes.OpenWatches == 1, Eventually.DefaultTimeout, Describe);

        // Cut mid-stream; two updates land while the sidecar is away: the re-watch from its last version replays them.
        var lastSeen = kubernetes.ResourceVersion;
        Assert.Equal(1, kubernetes.CutWatches());
        kubernetes.ReplaceSecret("r3mes", "app", KubernetesSetup.Password("pw-2"));
        kubernetes.ReplaceSecret("r3mes", "app", KubernetesSetup.Password("pw-3"));
        await Eventually.Until(() => workspace.ReadOutput("password") == "pw-3", Eventually.DefaultTimeout, Describe);
        Assert.Contains(kubernetes.Requests, r => r.Verb == "watch" && r.ResourceVersion == lastSeen);
        Assert.Equal(1, kubernetes.Requests.Count(r => r.Verb == "list"));

        // Cut again, update, and forget the history: the re-watch is answered 410 Gone, the sidecar lists again.
        await Eventually.Until(() => kubernetes.OpenWatches == 1, Eventually.DefaultTimeout, Describe);
        Assert.Equal(1, kubernetes.CutWatches());
        kubernetes.ReplaceSecret("r3mes", "app", KubernetesSetup.Password("pw-4"));
        kubernetes.Compact();
        await Eventually.Until(() => workspace.ReadOutput("password") == "pw-4", Eventually.DefaultTimeout, Describe);
        Assert.Contains(kubernetes.Requests, r => r.Verb == "watch" && r.Status == 410);
        Assert.Equal(2, kubernetes.Requests.Count(r => r.Verb == "list"));
        Assert.Contains("is too old (410 Gone); listing again", run.Transcript, StringComparison.Ordinal);

        // And the watch after the re-list carries on.
        await Eventually.Until(() => kubernetes.OpenWatches == 1, Eventually.DefaultTimeout, Describe);
        kubernetes.ReplaceSecret("r3mes", "app", KubernetesSetup.Password("pw-5"));
        await Eventually.Until(() => workspace.ReadOutput("password") == "pw-5", TimeSpan.FromSeconds(5), Describe);
        Assert.DoesNotContain(kubernetes.Requests, r => r.Status == 403);
    }

    [Fact]
    public async Task Run_TokenFileRotatedMidRun_IsPickedUp_AndTheOldTokenIsRefused()
    {
        await using var kubernetes = await KubernetesSetup.StartAsync();
        kubernetes.CreateSecret("r3mes", "app", KubernetesSetup.Password(FirstValue));
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: trace }
            {{KubernetesSetup.Section(kubernetes, workspace, inCluster: true)}}
            secrets:
              - name: app
                source: { kubernetes: app }
                files: { password: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], KubernetesSetup.InClusterEnvironment(kubernetes));
        string Describe() => run.Transcript + KubernetesSetup.Describe(kubernetes);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("password")) && kubernetes.OpenWatches == 1, Eventually.DefaultTimeout, Describe);

        KubernetesSetup.WriteToken(workspace, KubernetesSetup.SecondToken);
        kubernetes.RotateToken(KubernetesSetup.SecondToken);
        var rotatedAt = kubernetes.Requests.Count;
        kubernetes.CutWatches();
        kubernetes.ReplaceSecret("r3mes", "app", KubernetesSetup.Password(SecondValue));
        await Eventually.Until(() => workspace.ReadOutput("password") == SecondValue, Eventually.DefaultTimeout, Describe);

        var after = kubernetes.Requests.Skip(rotatedAt).ToList();
        Assert.Contains(after, r => r.Status == 401 && r.Token == KubernetesSetup.FirstToken);
        Assert.Contains(after, r => r.Verb == "watch" && r.Status == 200 && r.Token == KubernetesSetup.SecondToken);
        Assert.DoesNotContain(after, r => r.Status == 401 && r.Token == KubernetesSetup.SecondToken);
        Assert.All(kubernetes.Requests, r => Assert.Equal("r3mes", r.Namespace));
        Assert.Contains("refused the service-account token (401)", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(KubernetesSetup.FirstToken, run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(KubernetesSetup.SecondToken, run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(SecondValue)), run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_RendersFromAList_AndAMissingSecretExitsOne()
    {
        await using var kubernetes = await KubernetesSetup.StartAsync();
        kubernetes.CreateSecret("r3mes", "app", KubernetesSetup.Password("pw-once"));
        using var workspace = new TempWorkspace();
        var section = KubernetesSetup.Section(kubernetes, workspace);
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            {{section}}
            secrets:
              - name: app
                source: { kubernetes: r3mes/app }
                files: { password: {} }
            """);
        using var once = SidecarProcess.Start(["once", "-c", config], KubernetesSetup.NoCluster());
        Assert.Equal(0, await once.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Equal("pw-once", workspace.ReadOutput("password"));
        Assert.DoesNotContain(kubernetes.Requests, r => r.Verb == "watch");

        var missing = workspace.WriteConfig($$"""
            output: { dir: out }
            retry_budget: 1s
            {{section}}
            secrets:
              - name: gone
                source: { kubernetes: r3mes/gone }
                files: { gone: {} }
            """, "missing.yaml");
        using var failed = SidecarProcess.Start(["once", "-c", missing], KubernetesSetup.NoCluster());
        Assert.Equal(1, await failed.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Contains("kubernetes r3mes/gone: the Secret does not exist", failed.Transcript, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="change"/> and returns how long until <paramref name="reached"/> held (fails after 10 s).</summary>
    private static async Task<TimeSpan> Timed(Action change, Func<bool> reached, SidecarProcess run, KubernetesEmulator kubernetes)
    {
        var started = TimeProvider.System.GetTimestamp();
        change();
        await Eventually.Until(reached, TimeSpan.FromSeconds(10), () => run.Transcript + KubernetesSetup.Describe(kubernetes));
        return TimeProvider.System.GetElapsedTime(started);
    }
}
