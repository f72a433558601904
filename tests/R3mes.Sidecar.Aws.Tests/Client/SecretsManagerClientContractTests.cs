using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Aws.Emulator;
using R3mes.Sidecar.Resilience;

namespace R3mes.Sidecar.Aws.Tests.Client;

/// <summary>
/// The product's Secrets Manager client — SigV4 signing handler from AWSSDK.Core, JSON 1.1, the resilience pipeline —
/// against the AWS emulator, whose signature verification is independent and pinned to AWS's test suite.
/// </summary>
public sealed class SecretsManagerClientContractTests : IAsyncLifetime
{
    private const string Key = "AKIACLIENTCONTRACT01";
    private const string Secret = "client/contract/secret/key/000000000001";
    private AwsEmulator _aws = null!;

    public async Task InitializeAsync()
    {
        _aws = await AwsEmulator.StartAsync();
        _aws.AddCredentials(Key, Secret);
        _aws.CreateSecret("r3mes/db", """{"password":"pw-1","username":"app"}""", null);
    }

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task GetDescribeAndBatch_AreSignedAcceptedAndParsed()
    {
        var client = Client(new BasicAWSCredentials(Key, Secret));

        var (value, body) = await client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "r3mes/db" }, default);
        var described = await client.DescribeSecretAsync("r3mes/db", default);
        var batch = await client.BatchGetSecretValueAsync(["r3mes/db", "missing"], default);

        Assert.Equal("""{"password":"pw-1","username":"app"}""", value.SecretString);
        Assert.Contains("AWSCURRENT", value.VersionStages!);
        Assert.Equal(_aws.SecretArn("r3mes/db"), value.Arn);
        Assert.Contains("\"SecretString\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(["AWSCURRENT"], described.VersionIdsToStages![value.VersionId!]);
        Assert.Single(batch.SecretValues!);
        Assert.Equal("ResourceNotFoundException", Assert.Single(batch.Errors!).ErrorCode);
        Assert.All(_aws.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task SessionCredentials_SignTheSecurityToken()
    {
        var temporary = _aws.IssueTemporaryCredentials("arn:aws:sts::123456789012:assumed-role/r3mes/s", TimeSpan.FromHours(1));

        var (value, _) = await Client(new SessionAWSCredentials(temporary.AccessKeyId, temporary.SecretKey, temporary.SessionToken))
            .GetSecretValueAsync(new GetSecretValueRequest { SecretId = "r3mes/db" }, default);

        Assert.Equal("app", System.Text.Json.JsonDocument.Parse(value.SecretString!).RootElement.GetProperty("username").GetString());
    }

    [Theory]
    [InlineData("AKIAUNKNOWNKEY000001", Secret, "UnrecognizedClientException")]
    [InlineData(Key, "the-wrong-secret-key-for-this-access-key", "InvalidSignatureException")]
    public async Task BadCredentials_AreClientErrors_NotRetried(string key, string secret, string code)
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => Client(new BasicAWSCredentials(key, secret))
            .GetSecretValueAsync(new GetSecretValueRequest { SecretId = "r3mes/db" }, default));

        Assert.Equal(code, error.Code);
        Assert.False(error.IsTransient);
        Assert.Equal(1, _aws.Count("GetSecretValue"));
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_IsOneAttemptPerCall_TransientForTheCallersBackoff_ThenPasses()
    {
        _aws.Throttle(2);
        var client = Client(new BasicAWSCredentials(Key, Secret));
        var request = new GetSecretValueRequest { SecretId = "r3mes/db" };

        for (var i = 1; i <= 2; i++)
        {
            var error = await Assert.ThrowsAsync<AwsApiException>(() => client.GetSecretValueAsync(request, default));
            Assert.Equal("ThrottlingException", error.Code);
            Assert.True(error.IsTransient);
            Assert.Equal(i, _aws.Count("GetSecretValue"));
        }

        var (value, _) = await client.GetSecretValueAsync(request, default);

        Assert.NotNull(value.SecretString);
        Assert.Equal(3, _aws.Count("GetSecretValue"));
        Assert.Equal(2, _aws.Requests.Count(r => r.ErrorType == "ThrottlingException"));
    }

    private SecretsManagerClient Client(AWSCredentials credentials) =>
        new(new HttpClient(new SigV4SigningHandler(
                new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.USEast1, Service = "secretsmanager", SignPayload = true },
                new SocketsHttpHandler())),
            _aws.Address, BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));
}
