using System.Net;
using R3mes.Sidecar.Aws.Sources;
using R3mes.Sidecar.Aws.Tests.Support;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Tests.Sources;

/// <summary>
/// The aws source's reading rules against scripted Secrets Manager answers: DescribeSecret on every refresh,
/// GetSecretValue only when the version carrying AWSCURRENT moved; JSON members become fields; errors carry AWS's
/// code and never a body.
/// </summary>
public sealed class AwsSourceTests
{
    private const string Json = """{"password":"pw-1","username":"app"}""";

    [Fact]
    public async Task Refresh_UnchangedVersion_CostsOnlyDescribeSecret()
    {
        var fake = new ScriptedSecretsManager()
            .On("GetSecretValue", HttpStatusCode.OK, TestAws.Value("r3mes/db", "v1", Json))
            .On("DescribeSecret", HttpStatusCode.OK, TestAws.Describe("r3mes/db", "v1"));
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");

        var first = await source.FetchAsync(default);
        for (var i = 0; i < 3; i++)
        {
            Assert.Same(first, await source.FetchAsync(default));
        }

        Assert.Equal(1, fake.Count("GetSecretValue"));
        Assert.Equal(3, fake.Count("DescribeSecret"));
        Assert.Equal("pw-1", first.Fields["password"].RevealUtf8());
        Assert.Equal(Json, first.Raw!.RevealUtf8());
        Assert.Equal("v1", first.Freshness.Version);
    }

    [Fact]
    public async Task Refresh_AwsCurrentMoved_ReadsTheNewVersion()
    {
        var fake = new ScriptedSecretsManager()
            .On("GetSecretValue", HttpStatusCode.OK, TestAws.Value("r3mes/db", "v1", Json))
            .On("GetSecretValue", HttpStatusCode.OK, TestAws.Value("r3mes/db", "v2", """{"password":"pw-2","username":"app_clone"}"""))
            .On("DescribeSecret", HttpStatusCode.OK, TestAws.Describe("r3mes/db", "v2", previous: "v1"));
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");
        await source.FetchAsync(default);

        var rotated = await source.FetchAsync(default);

        Assert.Equal("app_clone", rotated.Fields["username"].RevealUtf8());
        Assert.Equal("pw-2", rotated.Fields["password"].RevealUtf8());
        Assert.Equal("""{"SecretId":"r3mes/db"}""", fake.Calls[^1].Body);
    }

    [Fact]
    public async Task Binary_IsTheRawValue_AndAPinnedVersionIsReadOnce()
    {
        var fake = new ScriptedSecretsManager().On("GetSecretValue", HttpStatusCode.OK,
            """{"ARN":"arn:aws:secretsmanager:us-east-1:1:secret:b-AbCdEf","Name":"b","SecretBinary":"AAEC/w==","VersionId":"0123456789abcdef0123456789abcdef","VersionStages":["AWSPREVIOUS"]}""");
        var source = TestAws.Source(TestAws.Runtime(fake), "b", versionId: "0123456789abcdef0123456789abcdef");

        var data = await source.FetchAsync(default);
        await source.FetchAsync(default);

        Assert.Equal([0, 1, 2, 255], data.Raw!.Reveal().ToArray());
        Assert.Empty(data.Fields);
        Assert.Equal(1, fake.Count("GetSecretValue"));
        Assert.Equal(0, fake.Count("DescribeSecret"));
        Assert.Contains("\"VersionId\":\"0123456789abcdef0123456789abcdef\"", fake.Calls[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledForDeletion_IsAPermanentErrorAndTheValueStays()
    {
        var fake = new ScriptedSecretsManager()
            .On("GetSecretValue", HttpStatusCode.OK, TestAws.Value("r3mes/db", "v1", Json))
            .On("DescribeSecret", HttpStatusCode.OK, TestAws.Describe("r3mes/db", "v1", deleted: true));
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");
        await source.FetchAsync(default);

        var error = await Assert.ThrowsAsync<SecretSourceException>(async () => await source.FetchAsync(default));

        Assert.False(error.Transient);
        Assert.Contains("scheduled for deletion", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "ResourceNotFoundException", false, 1)]
    [InlineData(HttpStatusCode.BadRequest, "AccessDeniedException", false, 1)]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException", true, 1)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServiceError", true, 1)]
    public async Task Errors_CarryTheCode_OneAttempt_TransientOnlyWhenRetryable(HttpStatusCode status, string code, bool transient, int attempts)
    {
        var fake = new ScriptedSecretsManager().On("GetSecretValue", status, $$"""{"__type":"com.amazonaws.secretsmanager#{{code}}","message":"the message"}""", code);
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");

        var error = await Assert.ThrowsAsync<SecretSourceException>(async () => await source.FetchAsync(default));

        Assert.Equal(transient, error.Transient);
        Assert.Contains(code + ": the message", error.Message, StringComparison.Ordinal);
        Assert.Equal(attempts, fake.Count("GetSecretValue"));
    }

    [Fact]
    public async Task MalformedSuccessBody_IsReportedWithoutQuotingIt()
    {
        var fake = new ScriptedSecretsManager().On("GetSecretValue", HttpStatusCode.OK, """{"SecretString":"CANARY-7f3a" """);
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");

        var error = await Assert.ThrowsAsync<SecretSourceException>(async () => await source.FetchAsync(default));

        Assert.DoesNotContain("CANARY", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("MalformedResponse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstLoad_OfSeveralSecrets_IsOneBatchCall()
    {
        var fake = new ScriptedSecretsManager().On("BatchGetSecretValue", HttpStatusCode.OK,
            $$"""{"Errors":[{"ErrorCode":"ResourceNotFoundException","Message":"no","SecretId":"c"}],"SecretValues":[{{TestAws.Value("a", "va", "A")}},{{TestAws.Value("b", "vb", "B")}}]}""")
            .On("GetSecretValue", HttpStatusCode.OK, TestAws.Value("c", "vc", "C"));
        var runtime = TestAws.Runtime(fake);
        var firstLoad = new AwsFirstLoad(runtime);
        foreach (var id in new[] { "a", "b", "c" })
        {
            firstLoad.Register(id);
        }

        var values = await Task.WhenAll(new[] { "a", "b", "c" }.Select(id => TestAws.Source(runtime, id, firstLoad: firstLoad).FetchAsync(default).AsTask()));

        Assert.Equal(["A", "B", "C"], values.Select(v => v.Raw!.RevealUtf8()));
        Assert.Equal(1, fake.Count("BatchGetSecretValue"));
        Assert.Equal(1, fake.Count("GetSecretValue"));
        Assert.Contains("\"SecretIdList\":[\"a\",\"b\",\"c\"]", fake.Calls[0].Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// The batch belongs to the first caller's cancellation: when that caller gives up (<c>once</c>'s retry_budget),
    /// a secret fetched later (the daemon's loops after <c>exec</c>) must not inherit the cancelled batch for ever.
    /// </summary>
    [Fact]
    public async Task FirstLoad_CancelledByTheCallerThatStartedIt_LaterFetchReadsOnItsOwn()
    {
        var fake = new ScriptedSecretsManager()
            .On("BatchGetSecretValue", HttpStatusCode.OK, $$"""{"SecretValues":[{{TestAws.Value("a", "va", "A")}},{{TestAws.Value("b", "vb", "B")}}]}""")
            .On("GetSecretValue", HttpStatusCode.OK, TestAws.Value("b", "vb", "B"));
        var runtime = TestAws.Runtime(fake);
        var firstLoad = new AwsFirstLoad(runtime);
        firstLoad.Register("a");
        firstLoad.Register("b");
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestAws.Source(runtime, "a", firstLoad: firstLoad).FetchAsync(gaveUp.Token).AsTask());
        var later = await TestAws.Source(runtime, "b", firstLoad: firstLoad).FetchAsync(default);

        Assert.Equal("B", later.Raw!.RevealUtf8());
        Assert.Equal(1, fake.Count("GetSecretValue"));
    }
}
