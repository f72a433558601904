using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// Issue 5, acceptance: Vault's <c>aws</c> auth method (IAM type). The sidecar signs an STS GetCallerIdentity request
/// with the AWS default chain and sends it, base64-encoded, to <c>auth/aws/login</c>; the Vault emulator replays it to
/// the AWS emulator's STS (as real Vault does) and binds the caller's ARN to the role. The server id header must be
/// present and signed.
/// </summary>
public sealed class VaultAwsAuthTests
{
    private const string ServerId = "vault.r3mes.internal";

    [Fact]
    public async Task Once_AwsIamLogin_VerifiedThroughSts_ThenReadsKv()
    {
        var (aws, vault) = await StartAsync();
        await using var awsScope = aws;
        await using var vaultScope = vault;
        using var workspace = new TempWorkspace();

        var once = await RunOnceAsync(workspace, vault, aws, ServerId);

        Assert.True(once.ExitCode == 0, once.Transcript + VaultSetup.Describe(vault) + AwsSetup.Describe(aws));
        Assert.Equal("jwt-aws", workspace.ReadOutput("jwt_secret"));
        Assert.Equal(1, aws.Count("GetCallerIdentity"));
        Assert.Single(vault.Requests, r => r.Path == "/v1/auth/aws/login" && r.Status == 200);
        Assert.DoesNotContain(AwsSetup.SecretKey, once.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_WrongServerIdHeader_LoginRefused_ExitOne()
    {
        var (aws, vault) = await StartAsync();
        await using var awsScope = aws;
        await using var vaultScope = vault;
        using var workspace = new TempWorkspace();

        var once = await RunOnceAsync(workspace, vault, aws, "vault.someone-else");

        Assert.Equal(1, once.ExitCode);
        Assert.Contains("auth/aws/login", once.Transcript, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.OutputFile("jwt_secret")));
    }

    /// <summary>The AWS emulator's STS behind the Vault emulator's aws auth, role <c>backend</c> bound to the sidecar's key.</summary>
    private static async Task<(R3mes.Sidecar.Aws.Emulator.AwsEmulator Aws, R3mes.Sidecar.Vault.Emulator.VaultEmulator Vault)> StartAsync()
    {
        var aws = await AwsSetup.StartAsync();
        var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-aws", "api-aws");
        vault.EnableAwsAuth(aws.Address, ServerId);
        vault.AddAwsRole("backend", AwsSetup.PrincipalArn, [VaultSetup.ReadPolicy], TimeSpan.FromMinutes(20));
        return (aws, vault);
    }

    private static async Task<SidecarProcess> RunOnceAsync(TempWorkspace workspace, R3mes.Sidecar.Vault.Emulator.VaultEmulator vault, R3mes.Sidecar.Aws.Emulator.AwsEmulator aws, string serverId)
    {
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            retry_budget: 3s
            vault:
              address: {{vault.Address}}
              auth: { method: aws, role: backend, header_value: {{serverId}}, sts_endpoint: "{{aws.Address}}", sts_region: us-east-1 }
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
            """);
        var once = SidecarProcess.Start(["once", "-c", config], AwsSetup.Environment(aws, workspace));
        await once.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return once;
    }
}
