using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// Issue 5, acceptance: the sidecar finds credentials through AWSSDK.Core's default chain — static keys from the
/// environment, a web-identity token file (IRSA; STS served by the emulator, which the NativeAOT binary reaches only
/// because the STS client is registered explicitly) and container credentials served on loopback (ECS / EKS Pod
/// Identity) — and the emulator sees each request signed with the key that source handed out.
/// </summary>
public sealed class AwsCredentialChainTests
{
    private const string Config = """
        output: { dir: out }
        aws: { region: us-east-1 }
        secrets:
          - name: redis
            source: { aws: r3mes/redis, key: password }
            files: { redis_password: {} }
        """;

    [Fact]
    public async Task Once_EnvironmentKeys_SignsWithThatKey()
    {
        await using var aws = await Start();
        using var workspace = new TempWorkspace();

        var once = await RunOnceAsync(workspace, AwsSetup.Environment(aws, workspace));

        Assert.True(once.ExitCode == 0, once.Transcript + AwsSetup.Describe(aws));
        Assert.Equal("redis-pw", workspace.ReadOutput("redis_password"));
        Assert.All(aws.Requests, r => Assert.Equal(AwsSetup.AccessKey, r.AccessKeyId));
    }

    [Fact]
    public async Task Once_WebIdentityTokenFile_AssumesTheRoleThroughStsAndSignsWithTheTemporaryKey()
    {
        await using var aws = await Start();
        using var workspace = new TempWorkspace();
        const string Role = "arn:aws:iam::123456789012:role/r3mes-sidecar";
        File.WriteAllText(workspace.PathOf("web-identity-token"), "eyJ.web-identity.token");
        aws.AllowWebIdentity("eyJ.web-identity.token", Role);
        var environment = AwsSetup.Environment(aws, workspace, keys: false);
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = workspace.PathOf("web-identity-token");
        environment["AWS_ROLE_ARN"] = Role;
        environment["AWS_ROLE_SESSION_NAME"] = "r3mes-sidecar-test";

        var once = await RunOnceAsync(workspace, environment);

        Assert.True(once.ExitCode == 0, once.Transcript + AwsSetup.Describe(aws));
        Assert.Equal("redis-pw", workspace.ReadOutput("redis_password"));
        Assert.Equal(1, aws.Count("AssumeRoleWithWebIdentity"));
        var signedBy = aws.Requests.Where(r => r.Operation == "GetSecretValue").Select(r => r.AccessKeyId).Distinct().Single();
        Assert.NotEqual(AwsSetup.AccessKey, signedBy);
        Assert.DoesNotContain("eyJ.web-identity.token", once.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_ContainerCredentialsOnLoopback_UsesThemWithTheAuthorizationToken()
    {
        await using var aws = await Start();
        using var workspace = new TempWorkspace();
        var served = aws.ServeContainerCredentials("/v2/credentials/r3mes", "container-auth-token");
        var environment = AwsSetup.Environment(aws, workspace, keys: false);
        environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = new Uri(aws.Address, "/v2/credentials/r3mes").ToString();
        environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-auth-token";

        var once = await RunOnceAsync(workspace, environment);

        Assert.True(once.ExitCode == 0, once.Transcript + AwsSetup.Describe(aws));
        Assert.Equal("redis-pw", workspace.ReadOutput("redis_password"));
        Assert.Equal(served.AccessKeyId, aws.Requests.Where(r => r.Operation == "GetSecretValue").Select(r => r.AccessKeyId).Distinct().Single());
    }

    [Fact]
    public async Task Run_ShortLivedContainerCredentials_AreRefreshedBeforeTheyExpire_NoRequestIsRefused()
    {
        await using var aws = await Start();
        using var workspace = new TempWorkspace();
        var first = aws.ServeContainerCredentials("/v2/credentials/short", "container-auth-token", lifetime: TimeSpan.FromSeconds(4));
        var environment = AwsSetup.Environment(aws, workspace, keys: false);
        environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = new Uri(aws.Address, "/v2/credentials/short").ToString();
        environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-auth-token";
        using var run = SidecarProcess.Start(["run", "-c", workspace.WriteConfig(Config.Replace("files: { redis_password: {} }", "files: { redis_password: {} }\n    refresh: 1s", StringComparison.Ordinal))], environment);

        await Eventually.Until(() => aws.Requests.Where(r => r.Operation == "DescribeSecret").Select(r => r.AccessKeyId).Distinct().Count() >= 3,
            TimeSpan.FromSeconds(30), () => run.Transcript + AwsSetup.Describe(aws));

        Assert.Contains(first.AccessKeyId, aws.Requests.Select(r => r.AccessKeyId));
        Assert.All(aws.Requests, r => Assert.True(r.Status == 200, $"{r.Operation} signed by {r.AccessKeyId}: {r.Status} {r.ErrorType}"));
        Assert.DoesNotContain("ExpiredToken", run.Transcript, StringComparison.Ordinal);
    }

    private static async Task<R3mes.Sidecar.Aws.Emulator.AwsEmulator> Start()
    {
        var aws = await AwsSetup.StartAsync();
        aws.CreateSecret("r3mes/redis", """{"password":"redis-pw"}""", null);
        return aws;
    }

    private static async Task<SidecarProcess> RunOnceAsync(TempWorkspace workspace, IReadOnlyDictionary<string, string?> environment)
    {
        var once = SidecarProcess.Start(["once", "-c", workspace.WriteConfig(Config)], environment);
        await once.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return once;
    }
}
