using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), the connection to Vault broken by <see cref="FaultProxy"/> in front of the
/// emulator: refused, black-holed, reset in the middle of an answer, answered one byte per second. Each cell checks
/// every promise of <see cref="FaultPromises"/>.
/// </summary>
public sealed class VaultConnectionFaultTests
{
    [Fact]
    public Task Vault_refused__keeps_last_good_reports_unreachable_and_recovers_without_restart() =>
        HoldAsync(FaultMode.Refuse, "unreachable");

    [Fact]
    public Task Vault_black_holed__keeps_last_good_and_reports_timeout() =>
        HoldAsync(FaultMode.BlackHole, "timeout");

    [Fact]
    public Task Vault_reset_mid_body__never_writes_a_partial_answer_and_reports_unreachable() =>
        HoldAsync(FaultMode.ResetMidBody, "unreachable");

    [Fact]
    public Task Vault_slow_one_byte_per_second__gives_up_at_the_timeout_and_keeps_last_good() =>
        HoldAsync(FaultMode.Slow, "timeout");

    private static async Task HoldAsync(FaultMode mode, string reason)
    {
        await using var vault = await VaultSetup.StartAsync();
        await using var proxy = FaultProxy.Start(vault.Address.Port);
        using var workspace = new TempWorkspace();
        using var cell = await VaultCell.StartAsync(workspace, vault, proxy.Address);
        var before = proxy.Connections;

        await FaultPromises.HoldAsync(cell, Fault.Of(reason, backendDown: true, () => proxy.Switch(mode), () => proxy.Switch(FaultMode.Pass)));

        Assert.True(mode == FaultMode.Refuse || proxy.Connections > before, "the fault was never met: no connection reached the proxy");
    }
}
