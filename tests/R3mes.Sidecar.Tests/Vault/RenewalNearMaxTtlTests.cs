using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// docs/VAULT.md "Token lifecycle": a renewal is capped at the max TTL, and <c>lease_duration</c> is whole seconds —
/// so with less than a second left Vault answers 0. That means "log in again now", not "never expires" (only
/// tokens created without a TTL never expire). The emulator runs on a fake clock the test moves, so the renewal
/// lands in the last second of the max TTL every time.
/// </summary>
public sealed class RenewalNearMaxTtlTests
{
    [Fact]
    public async Task Run_RenewalAnsweredWithLeaseDurationZero_LogsInAgainAndKeepsRunning()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var vault = await VaultSetup.StartAsync(new VaultEmulatorOptions { Time = clock });
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
                refresh: 1s
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => VaultSetup.Count(vault, VaultSetup.LoginPath) == 1, Eventually.DefaultTimeout, () => run.Transcript);

        // The sidecar renews ~2.1 s (real) after its login: by Vault's clock only 0.7 s of the max TTL are left then.
        clock.Advance(TimeSpan.FromSeconds(2.8));

        await run.WaitForOutputAsync("wrote jwt_secret");
        await run.WaitForOutputAsync(": ttl 0s");
        await Eventually.Until(() => VaultSetup.Count(vault, VaultSetup.LoginPath) == 2, Eventually.DefaultTimeout, () => run.Transcript + VaultSetup.Describe(vault));
        VaultSetup.WriteApp(vault, "jwt-v2", "api-v2");
        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-v2", Eventually.DefaultTimeout, () => run.Transcript);
        Assert.False(run.HasExited, run.Transcript);
        Assert.DoesNotContain("BackgroundService", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("refreshing secret app failed", run.Transcript, StringComparison.Ordinal);
    }
}
