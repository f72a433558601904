using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding (issue 15, "SIGHUP storm"): 1,000 signals in about a second made 9,963 refreshes (29 sequential
/// Vault reads). Signals are now merged at the entry point: the first refreshes at once, the rest become one more
/// refresh when the storm has passed. Measured by outcome — how many times the sidecar opened the source files
/// (inotify IN_OPEN), whatever schedules the refreshes.
/// </summary>
public sealed class SighupStormTests
{
    private const int Secrets = 3;

    [Fact]
    public async Task Run_ThousandSighupsInASecond_AtMostOneExtraReadPerSecret()
    {
        using var workspace = new TempWorkspace();
        var sources = Enumerable.Range(1, Secrets).Select(i => workspace.PathOf($"src/s{i}")).ToArray();
        var secrets = string.Join('\n', Enumerable.Range(1, Secrets).Select(i => $$"""
              - name: s{{i}}
                source: { file: src/s{{i}}, settle: 20ms }
                files: { token_{{i}}: { key: token } }
                refresh: 1h
            """));
        for (var i = 1; i <= Secrets; i++)
        {
            workspace.WriteSource($"s{i}/token.txt", $"CANARY-storm-{i}-d71a");
        }

        var config = workspace.WriteConfig($"output: {{ dir: out }}\nsecrets:\n{secrets}\n");
        using var opens = new OpenWatch(sources);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync($"wrote token_{Secrets}");
        var started = await SettledAsync(opens);

        run.Signal(Unix.SigHup);
        await run.WaitForOutputAsync("SIGHUP received");
        var oneSignal = await SettledAsync(opens) - started;
        Assert.True(oneSignal >= Secrets, $"one SIGHUP opened the sources {oneSignal} times; expected at least once per secret");

        await Eventually.Quiet(TimeSpan.FromSeconds(1));
        var before = opens.Total;
        Storm(run);

        var storm = await SettledAsync(opens) - before;
        Assert.True(storm <= 2 * oneSignal, $"1,000 SIGHUPs opened the sources {storm} times; one SIGHUP opens them {oneSignal} times, so at most {2 * oneSignal} were expected (the first refresh and one merged)\n{run.Transcript}");
        Assert.True(storm >= oneSignal, $"1,000 SIGHUPs opened the sources only {storm} times; the first must refresh at once");
        Assert.Equal(0, run.CountLines("refreshing secret"));
    }

    /// <summary>
    /// A storm against a Vault KV secret: each refresh is one metadata read, so the reads are counted at Vault.
    /// </summary>
    [Fact]
    public async Task Run_ThousandSighupsInASecond_AtMostOneExtraVaultReadPerSecret()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "CANARY-storm-jwt-4c1e", "CANARY-storm-api-4c1e");
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        var config = VaultSetup.WriteAppConfig(workspace, vault, role, refresh: "1h");
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote api_secret_key");
        int Reads() => vault.Count("GET", VaultSetup.MetadataPath) + vault.Count("GET", VaultSetup.DataPath);
        var started = await SettledAsync(Reads);

        run.Signal(Unix.SigHup);
        await run.WaitForOutputAsync("SIGHUP received");
        var oneSignal = await SettledAsync(Reads) - started;
        Assert.True(oneSignal >= 1, $"one SIGHUP made {oneSignal} Vault reads; expected at least one\n{VaultSetup.Describe(vault)}");

        await Eventually.Quiet(TimeSpan.FromSeconds(1));
        var before = Reads();
        Storm(run);

        var storm = await SettledAsync(Reads) - before;
        Assert.True(storm <= 2 * oneSignal, $"1,000 SIGHUPs made {storm} Vault reads; one SIGHUP makes {oneSignal}, so at most {2 * oneSignal} were expected\n{run.Transcript}");
        Assert.True(storm >= oneSignal, $"1,000 SIGHUPs made only {storm} Vault reads; the first must refresh at once");
    }

    /// <summary>
    /// 1,000 signals in one burst. (Ten bursts of 100, 100 ms apart, stretched past the 250 ms quiet period on a loaded
    /// machine — a fresh clone beside another suite — and legitimately became several storms, which the count took for
    /// a broken merge.)
    /// </summary>
    private static void Storm(SidecarProcess run)
    {
        for (var i = 0; i < 1000; i++)
        {
            run.Signal(Unix.SigHup);
        }
    }

    private static Task<int> SettledAsync(OpenWatch opens) => SettledAsync(() => opens.Total);

    /// <summary>The count once it has not moved for a second (longer than the merge's quiet period).</summary>
    private static async Task<int> SettledAsync(Func<int> count)
    {
        var last = count();
        for (var still = 0; still < 10;)
        {
            await Eventually.Quiet(TimeSpan.FromMilliseconds(100));
            var now = count();
            still = now == last ? still + 1 : 0;
            last = now;
        }

        return last;
    }
}
