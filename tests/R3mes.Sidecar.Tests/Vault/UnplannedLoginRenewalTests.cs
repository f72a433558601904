using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §6, the token keeper: Vault forgets its tokens (<c>Restart()</c>) just after the keeper renewed; a KV refresh
/// gets the 403 and logs in again. The token from that unplanned login must be renewed like any other — from its
/// own issue time, at once — so the next login comes at its max TTL, not at every TTL. (It used to be noticed only
/// at the keeper's next planned wake-up and scheduled from then with the full TTL: it expired unrenewed and every
/// TTL ended in another login.) TTL 4 s, max TTL 16 s, watched for 20 s after the unplanned login.
/// </summary>
public sealed class UnplannedLoginRenewalTests
{
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_VaultForgetsTokensAfterARenewal_TheNewTokenIsRenewedAndTheNextLoginComesAtItsMaxTtl()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(16));
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
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => vault.Requests.Any(r => r.Path == VaultSetup.RenewPath && r.Status == 200), Eventually.DefaultTimeout,
            () => run.Transcript + VaultSetup.Describe(vault));

        vault.Restart();
        await Eventually.Until(() => VaultSetup.Count(vault, VaultSetup.LoginPath) >= 2 && VaultSetup.LoggedAccessors(run).Count >= 2,
            Eventually.DefaultTimeout, () => run.Transcript + VaultSetup.Describe(vault));
        await Eventually.Quiet(Watch);

        var summary = $"{VaultSetup.Describe(vault)}\n{run.Transcript}";
        var unplanned = VaultSetup.LoggedAccessors(run)[1];
        var renewals = vault.Requests.Count(r => r.Path == VaultSetup.RenewPath && r.Accessor == unplanned && r.Status == 200);
        Assert.True(renewals >= 2, $"the token from the unplanned login ({unplanned}) was renewed {renewals} times; {summary}");
        // The unplanned login, then one at that token's max TTL (16 s) — not one every 4 s.
        Assert.True(VaultSetup.Count(vault, VaultSetup.LoginPath) <= 3, $"{VaultSetup.Count(vault, VaultSetup.LoginPath)} logins; {summary}");
        Assert.Equal("jwt-v1", workspace.ReadOutput("jwt_secret"));
        Assert.DoesNotContain("Vault login failed", run.Transcript, StringComparison.Ordinal);
        Assert.False(run.HasExited, summary);
    }
}
