using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), Vault itself failing, through the emulator's switches: a burst of 500s, sealed
/// (503), a standby node whose redirect leads to an active node that is down, and a restart on the same port that
/// forgets every token.
/// </summary>
public sealed class VaultServerFaultTests
{
    [Fact]
    public async Task Vault_500_burst__keeps_last_good_reports_server_and_recovers_when_it_ends()
    {
        await using var vault = await VaultSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await VaultCell.StartAsync(workspace, vault, vault.Address);

        await FaultPromises.HoldAsync(cell, Fault.Of("server", backendDown: true, () => vault.FailNext(100_000, 500, "internal error"), vault.ClearFaults));
    }

    [Fact]
    public async Task Vault_sealed__keeps_last_good_reports_server_and_recovers_when_unsealed()
    {
        await using var vault = await VaultSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await VaultCell.StartAsync(workspace, vault, vault.Address);

        await FaultPromises.HoldAsync(cell, Fault.Of("server", backendDown: true, () => vault.Sealed = true, () => vault.Sealed = false));

        Assert.Contains(vault.Requests, r => r.Status == 503);
    }

    [Fact]
    public async Task Vault_standby_redirecting_to_a_dead_active_node__keeps_last_good_reports_unreachable_and_recovers()
    {
        await using var vault = await VaultSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await VaultCell.StartAsync(workspace, vault, vault.Address);
        var deadActive = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        await FaultPromises.HoldAsync(cell, Fault.Of("unreachable", backendDown: true, () => vault.StandbyRedirect = deadActive, () => vault.StandbyRedirect = null));

        Assert.Contains(vault.Requests, r => r.Status == 307);
    }

    [Fact]
    public async Task Vault_restarted_on_the_same_port__keeps_last_good_logs_in_again_and_recovers()
    {
        await using var vault = await VaultSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await VaultCell.StartAsync(workspace, vault, vault.Address);

        await FaultPromises.HoldAsync(cell, new Fault("unreachable", BackendDown: true, vault.StopListeningAsync, async () =>
        {
            vault.Restart();
            await vault.ResumeListeningAsync();
        }));

        Assert.True(VaultSetup.Count(vault, VaultSetup.LoginPath) >= 2, "the restart forgot the token: the sidecar must log in again\n" + VaultSetup.Describe(vault));
    }
}
