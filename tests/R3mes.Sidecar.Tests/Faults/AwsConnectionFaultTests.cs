using R3mes.Sidecar.Tests.Aws;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), the connection to AWS Secrets Manager broken by <see cref="FaultProxy"/> in front
/// of the emulator: refused, black-holed, reset in the middle of an answer. Each cell checks every promise of
/// <see cref="FaultPromises"/>.
/// </summary>
public sealed class AwsConnectionFaultTests
{
    [Fact]
    public Task Aws_refused__keeps_last_good_reports_unreachable_and_recovers_without_restart() =>
        HoldAsync(FaultMode.Refuse, "unreachable");

    [Fact]
    public Task Aws_black_holed__keeps_last_good_and_reports_timeout() =>
        HoldAsync(FaultMode.BlackHole, "timeout");

    [Fact]
    public Task Aws_reset_mid_body__never_writes_a_partial_answer_and_reports_unreachable() =>
        HoldAsync(FaultMode.ResetMidBody, "unreachable");

    private static async Task HoldAsync(FaultMode mode, string reason)
    {
        await using var aws = await AwsSetup.StartAsync();
        await using var proxy = FaultProxy.Start(aws.Address.Port);
        using var workspace = new TempWorkspace();
        using var cell = await AwsCell.StartAsync(workspace, aws, proxy.Address);
        var before = proxy.Connections;

        await FaultPromises.HoldAsync(cell, Fault.Of(reason, backendDown: true, () => proxy.Switch(mode), () => proxy.Switch(FaultMode.Pass)));

        Assert.True(mode == FaultMode.Refuse || proxy.Connections > before, "the fault was never met: no connection reached the proxy");
    }
}
