using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// The init-container pattern: <c>once</c> logs in with a response-wrapped secret_id (single use) and keeps the token
/// in <c>state_dir</c>; the daemon started afterwards resumes that token instead of logging in again.
/// </summary>
public sealed class StateDirResumeTests
{
    [Fact]
    public async Task RunAfterOnce_ResumesTheTokenFromStateDir_WithoutASecondLoginOrUnwrap()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            state_dir: state
            log: { level: debug }
            retry_budget: 5s
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """);

        using (var once = await SidecarProcess.RunAsync("once", "-c", config))
        {
            Assert.True(once.ExitCode == 0, once.Transcript);
        }

        Assert.Equal("600", FileStatus.Of(workspace.PathOf("state/vault-token.json")).Mode);
        Assert.Equal("700", FileStatus.Of(workspace.PathOf("state")).Mode);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("resumed the token kept in state_dir");
        VaultSetup.WriteApp(vault, "jwt-v2", "api-v2");
        await Eventually.Until(() => File.ReadAllText(workspace.OutputFile("jwt_secret")) == "jwt-v2", TimeSpan.FromSeconds(10), () => run.Transcript);

        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.LoginPath));
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
    }
}
