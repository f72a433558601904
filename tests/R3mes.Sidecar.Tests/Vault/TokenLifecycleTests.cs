using System.Net;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §6 with real, short TTLs (the issue's acceptance: "a token with max TTL 10 s keeps the sidecar working for
/// 60 s"): the AppRole token lives 4 s and can be renewed up to 10 s. The sidecar renews it, logs in again before
/// the max TTL ends, and a KV version written every ~10 s reaches the files each time without one failed refresh.
/// The only long test of the Vault suite.
/// </summary>
public sealed class TokenLifecycleTests
{
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReachWithin = TimeSpan.FromSeconds(4);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Run_TokenWithTtl4sAndMaxTtl10s_KeepsRenewingAndLoggingInFor60s()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
        using var workspace = new TempWorkspace();
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{port}}
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """);
        var started = TimeProvider.System.GetTimestamp();
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        // Versions 2…7, one every 10 s (at 9 s, 19 s … 59 s), each checked on disk, then the minute is up.
        for (var version = 2; version <= 7; version++)
        {
            await QuietUntil(started, (WriteEvery * (version - 1)) - TimeSpan.FromSeconds(1));
            Assert.Equal(version, VaultSetup.WriteApp(vault, $"jwt-v{version}", $"api-v{version}"));
            await Eventually.Until(
                () => workspace.ReadOutput("jwt_secret") == $"jwt-v{version}" && workspace.ReadOutput("api_secret_key") == $"api-v{version}",
                ReachWithin,
                () => $"version {version} at {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0}s\n{run.Transcript}\n{VaultSetup.Describe(vault)}");
        }

        await QuietUntil(started, RunFor);
        var ran = TimeProvider.System.GetElapsedTime(started);
        using (var readyz = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz")))
        {
            Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        }

        var summary = $"ran {ran.TotalSeconds:0.0}s, {VaultSetup.Count(vault, VaultSetup.LoginPath)} logins, " +
                      $"{VaultSetup.Count(vault, VaultSetup.RenewPath)} renewals, {vault.Requests.Count(r => r.Status == 403)} 403s\n{run.Transcript}";
        Assert.Equal("jwt-v7", workspace.ReadOutput("jwt_secret"));
        Assert.True(VaultSetup.Count(vault, VaultSetup.LoginPath) >= 5, summary);
        Assert.True(vault.Requests.Any(r => r.Path == VaultSetup.RenewPath && r.Status == 200), summary);
        Assert.DoesNotContain("refreshing secret app failed", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("Vault login failed", run.Transcript, StringComparison.Ordinal);
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
        Assert.False(run.HasExited, summary);
    }

    /// <summary>Paces the scenario (a schedule, not a wait for a condition).</summary>
    private static async Task QuietUntil(long started, TimeSpan offset)
    {
        var wait = offset - TimeProvider.System.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Eventually.Quiet(wait);
        }
    }
}
