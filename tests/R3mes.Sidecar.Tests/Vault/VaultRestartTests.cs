using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §5/§6: Vault forgets every token (storage wipe, <c>Restart()</c>) while the sidecar runs. The next request
/// is a 403 <c>invalid token</c>; the sidecar logs in once more with the secret_id it unwrapped at start (the
/// wrapping token is single-use and gone), keeps refreshing, and no output file is ever missing or empty meanwhile.
/// </summary>
public sealed class VaultRestartTests
{
    [Fact]
    public async Task Run_VaultForgetsAllTokens_LogsInAgainOnceAndKeepsRefreshingWithoutEverBlankingAFile()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        var config = VaultSetup.WriteAppConfig(workspace, vault, role, refresh: "1s", log: "debug");
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote api_secret_key");
        await run.WaitForOutputAsync("wrote jwt_secret");
        var poller = CompleteFilesWatch.NotBlank(workspace.OutputFile("jwt_secret"), workspace.OutputFile("api_secret_key"));
        try
        {
            vault.Restart();

            await Eventually.Until(() => VaultSetup.Count(vault, VaultSetup.LoginPath) >= 2, Eventually.DefaultTimeout, () => run.Transcript + VaultSetup.Describe(vault));
            VaultSetup.WriteApp(vault, "jwt-v2", "api-v2");
            await Eventually.Until(
                () => workspace.ReadOutput("jwt_secret") == "jwt-v2" && workspace.ReadOutput("api_secret_key") == "api-v2",
                Eventually.DefaultTimeout,
                () => run.Transcript);
        }
        finally
        {
            await poller.DisposeAsync();
        }

        Assert.True(poller.Reads > 20 && poller.Bad == 0, $"{poller.Bad} of {poller.Reads} reads bad, first: {poller.FirstBad}");
        Assert.Contains(vault.Requests, r => r.Status == 403);
        Assert.Equal(2, VaultSetup.Count(vault, VaultSetup.LoginPath));
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
        var accessors = VaultSetup.LoggedAccessors(run);
        Assert.Equal(2, accessors.Count);
        Assert.NotEqual(accessors[0], accessors[1]);
        Assert.DoesNotContain("refreshing secret app failed", run.Transcript, StringComparison.Ordinal);
    }
}
