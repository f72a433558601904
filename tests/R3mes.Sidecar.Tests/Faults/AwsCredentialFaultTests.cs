using R3mes.Sidecar.Tests.Aws;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), the sidecar's AWS credentials rejected while it runs: the access key unknown
/// (<c>UnrecognizedClientException</c>) or its secret key no longer the one AWS holds (signature mismatch,
/// <c>InvalidSignatureException</c>). Both come as 400; both are <c>denied</c> — the backend is up and said no.
/// </summary>
public sealed class AwsCredentialFaultTests
{
    [Fact]
    public async Task Aws_access_key_unrecognized__keeps_last_good_reports_denied_and_recovers()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await AwsCell.StartAsync(workspace, aws, aws.Address);

        await FaultPromises.HoldAsync(cell, Fault.Of("denied", backendDown: false, () => aws.RemoveCredentials(AwsSetup.AccessKey), Restore(aws)) with { BackendAnswered = true });

        Assert.Contains(aws.Requests, r => r.Status == 400 && r.ErrorType == "UnrecognizedClientException");
    }

    [Fact]
    public async Task Aws_signature_mismatch__keeps_last_good_reports_denied_and_recovers()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        using var cell = await AwsCell.StartAsync(workspace, aws, aws.Address);

        await FaultPromises.HoldAsync(cell, Fault.Of("denied", backendDown: false, () => aws.AddCredentials(AwsSetup.AccessKey, "another/secret/key/than/the/sidecar/signs/with0", principalArn: AwsSetup.PrincipalArn), Restore(aws)) with { BackendAnswered = true });

        Assert.Contains(aws.Requests, r => r.Status == 400 && r.ErrorType == "InvalidSignatureException");
    }

    private static Action Restore(R3mes.Sidecar.Aws.Emulator.AwsEmulator aws) =>
        () => aws.AddCredentials(AwsSetup.AccessKey, AwsSetup.SecretKey, principalArn: AwsSetup.PrincipalArn);
}
