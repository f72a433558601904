using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// AppRole with a plain (not wrapped) secret_id and <c>remove_secret_id_file: true</c>: the file is deleted after the
/// first login, and the logins at each token's max TTL use the secret_id kept in memory (they used to fail with
/// "cannot read secret_id file" for ever). Token TTL 2 s, max TTL 4 s: two re-logins within seconds.
/// </summary>
public sealed class AppRoleRemovedSecretIdTests
{
    [Fact]
    public async Task Run_PlainSecretIdFileRemoved_LogsInAgainAfterEachMaxTtl()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        using var workspace = new TempWorkspace();
        VaultSetup.AppRoleAuth(workspace, vault, role, wrapped: false);
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            vault:
              address: {{vault.Address}}
              auth: { method: approle, role_id_file: role-id, secret_id_file: secret-id, secret_id_wrapped: false, remove_secret_id_file: true }
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
                refresh: 1s
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");
        Assert.False(File.Exists(workspace.PathOf("secret-id")), "the secret_id file is removed after the first login");

        await Eventually.Until(() => vault.Requests.Count(r => r.Path == VaultSetup.LoginPath && r.Status == 200) >= 3, Eventually.DefaultTimeout,
            () => run.Transcript + VaultSetup.Describe(vault));
        VaultSetup.WriteApp(vault, "jwt-v2", "api-v2");
        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-v2", Eventually.DefaultTimeout, () => run.Transcript);

        Assert.DoesNotContain(vault.Requests, r => r.Path == VaultSetup.LoginPath && r.Status != 200);
        Assert.DoesNotContain("Vault login failed", run.Transcript, StringComparison.Ordinal);
        Assert.Equal(3, VaultSetup.LoggedAccessors(run).Distinct().Take(3).Count());
    }
}
