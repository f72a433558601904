using R3mes.Sidecar.Tests.Aws;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), Secrets Manager itself failing, through the emulator's switches: throttling
/// (400 <c>ThrottlingException</c>) and a burst of 500 <c>InternalServiceError</c> until cleared, and a restart on
/// the same port. AWS sends throttling with 400, not 429: the error code must still make it <c>throttled</c>.
/// </summary>
public sealed class AwsServerFaultTests
{
    [Fact]
    public async Task Aws_throttled__keeps_last_good_reports_throttled_and_recovers()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await AwsCell.StartAsync(workspace, aws, aws.Address);

        await FaultPromises.HoldAsync(cell, Fault.Of("throttled", backendDown: false, aws.ThrottleUntilCleared, aws.ClearFaults) with { BackendAnswered = true });

        Assert.Contains(aws.Requests, r => r.Status == 400 && r.ErrorType == "ThrottlingException");
    }

    [Fact]
    public async Task Aws_500_burst__keeps_last_good_reports_server_and_recovers_when_it_ends()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await AwsCell.StartAsync(workspace, aws, aws.Address);

        await FaultPromises.HoldAsync(cell, Fault.Of("server", backendDown: true, () => aws.FailUntilCleared(500, "InternalServiceError"), aws.ClearFaults));

        Assert.Contains(aws.Requests, r => r.Status == 500 && r.ErrorType == "InternalServiceError");
    }

    [Fact]
    public async Task Aws_restarted_on_the_same_port__keeps_last_good_reports_unreachable_and_recovers()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await AwsCell.StartAsync(workspace, aws, aws.Address);
        var port = aws.Address.Port;

        await FaultPromises.HoldAsync(cell, new Fault("unreachable", BackendDown: true, aws.StopListeningAsync, aws.ResumeListeningAsync));

        Assert.Equal(port, aws.Address.Port);
    }
}
