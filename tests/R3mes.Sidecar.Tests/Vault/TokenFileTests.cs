using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// README "Vault", method <c>token</c>: the token file is re-read at every re-login, and whatever token the session
/// holds is kept alive on Vault's schedule. Here the file first holds a token that never expires (nothing to renew);
/// Vault then forgets it and the operator writes a short-lived renewable token into the file. The 403 makes the
/// sidecar log in with the new token — which must then be renewed, or it dies after its first TTL.
/// </summary>
public sealed class TokenFileTests
{
    private static readonly TimeSpan NewTokenTtl = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Run_NonExpiringTokenReplacedInTheFile_TheNewTokenIsRenewedAndRefreshingGoesOn()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        using var workspace = new TempWorkspace();
        File.WriteAllText(workspace.PathOf("token"), vault.CreateToken([VaultSetup.ReadPolicy], TimeSpan.Zero));
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            vault:
              address: {{vault.Address}}
              auth: { method: token, token_file: token }
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
                refresh: 1s
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        vault.Restart();
        File.WriteAllText(workspace.PathOf("token"), vault.CreateToken([VaultSetup.ReadPolicy], NewTokenTtl));
        await Eventually.Until(() => VaultSetup.LoggedAccessors(run).Count == 2, Eventually.DefaultTimeout, () => run.Transcript + VaultSetup.Describe(vault));
        var renewed = VaultSetup.LoggedAccessors(run)[1];

        // Renewed more than once, so it outlived its first TTL; and the session still reads with it.
        await Eventually.Until(
            () => vault.Requests.Count(r => r.Path == VaultSetup.RenewPath && r.Accessor == renewed && r.Status == 200) >= 2,
            3 * NewTokenTtl,
            () => run.Transcript + VaultSetup.Describe(vault));
        VaultSetup.WriteApp(vault, "jwt-v2", "api-v2");
        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-v2", NewTokenTtl, () => run.Transcript + VaultSetup.Describe(vault));
        Assert.Equal(renewed, vault.Requests.Last(r => r.Path == VaultSetup.DataPath).Accessor);
    }
}
