using System.Text.Json;
using R3mes.Sidecar.Aws.Agent;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// The status codes and bodies of AWS's agent, from aws/aws-secretsmanager-agent
/// aws_secretsmanager_agent/src/server.rs (validate_token, validate_method, get_result) and parse.rs (GSVQuery).
/// </summary>
public sealed class AgentRequestHandlerTests
{
    [Fact]
    public async Task MissingToken_Is403BadToken_AndReadsNothing()
    {
        var agent = new AgentFixture();

        var response = await agent.GetAsync("/secretsmanager/get?secretId=db", token: null);

        AssertPlain(response, 403, "Bad Token");
        Assert.Empty(agent.Reader.Calls);
    }

    [Fact]
    public async Task WrongToken_Is403BadToken()
    {
        var agent = new AgentFixture();

        AssertPlain(await agent.GetAsync("/secretsmanager/get?secretId=db", token: AgentFixture.Token + "x"), 403, "Bad Token");
        AssertPlain(await agent.GetAsync("/v1/db", token: AgentFixture.Token[..^1]), 403, "Bad Token");
        Assert.Empty(agent.Reader.Calls);
    }

    [Fact]
    public async Task XForwardedFor_Is400Forwarded_EvenWithTheRightToken()
    {
        var agent = new AgentFixture();

        AssertPlain(await agent.GetAsync("/secretsmanager/get?secretId=db", forwarded: true), 400, "Forwarded");
        Assert.Empty(agent.Reader.Calls);
    }

    [Fact]
    public async Task Post_WithToken_Is405NotAllowed()
    {
        var agent = new AgentFixture();

        AssertPlain(await agent.GetAsync("/secretsmanager/get?secretId=db", method: "POST"), 405, "Not allowed");
        AssertPlain(await agent.GetAsync("/ping", method: "DELETE"), 405, "Not allowed");
    }

    [Fact]
    public async Task Post_WithoutToken_Is403_BecauseTheTokenIsCheckedFirst_AsServerRsDoes()
    {
        AssertPlain(await new AgentFixture().GetAsync("/v1/db", token: null, method: "POST"), 403, "Bad Token");
    }

    [Fact]
    public async Task MissingSecretId_Is400()
    {
        var agent = new AgentFixture();

        AssertPlain(await agent.GetAsync("/secretsmanager/get"), 400, "missing parameter secretId");
        AssertPlain(await agent.GetAsync("/secretsmanager/get?secretId="), 400, "missing parameter secretId");
        AssertPlain(await agent.GetAsync("/v1/"), 400, "missing secret ID");
        Assert.Empty(agent.Reader.Calls);
    }

    [Fact]
    public async Task UnknownParameter_Is400NamingIt()
    {
        var agent = new AgentFixture();

        AssertPlain(await agent.GetAsync("/secretsmanager/get?secretId=db&versionstage=AWSCURRENT"), 400, "unknown parameter: versionstage");
        AssertPlain(await agent.GetAsync("/v1/db?secretId=other"), 400, "unknown parameter: secretId");
        AssertPlain(await agent.GetAsync("/v1/db?refreshNow=yes"), 400, "invalid refreshNow value");
        Assert.Empty(agent.Reader.Calls);
    }

    [Fact]
    public async Task Ping_WithoutToken_Is200Healthy()
    {
        var agent = new AgentFixture();

        AssertPlain(await agent.GetAsync("/ping", token: null), 200, "healthy");
        AssertPlain(await agent.GetAsync("/ping", token: "wrong"), 200, "healthy");
    }

    [Fact]
    public async Task UnknownPath_WithToken_Is404NotFound()
    {
        AssertPlain(await new AgentFixture().GetAsync("/secretsmanager/list"), 404, "Not found");
    }

    [Fact]
    public async Task V1Path_IsTheSameReadAsTheQueryForm_AndSharesItsCacheEntry()
    {
        var agent = new AgentFixture();

        var byQuery = await agent.GetAsync("/secretsmanager/get?secretId=prod%2Fdb&versionStage=AWSPREVIOUS");
        var byPath = await agent.GetAsync("/v1/prod/db?versionStage=AWSPREVIOUS");

        Assert.Equal(200, byQuery.Status);
        Assert.Equal(AgentResponse.Json, byPath.ContentType);
        Assert.Equal(byQuery.Body, byPath.Body);
        var call = Assert.Single(agent.Reader.Calls);
        Assert.Equal(("prod/db", null, "AWSPREVIOUS"), (call.SecretId, call.VersionId, call.VersionStage));
    }

    [Fact]
    public async Task Success_ServesTheGetSecretValueBodyAsAwsSentIt()
    {
        var agent = new AgentFixture();
        agent.Reader.Value = "s3cret";

        var response = await agent.GetAsync("/secretsmanager/get?secretId=db&versionId=v-7");

        Assert.Equal(200, response.Status);
        Assert.Equal("s3cret", FakeSecretValueReader.SecretStringOf(response.Body));
        Assert.Equal("v-7", Assert.Single(agent.Reader.Calls).VersionId);
    }

    [Fact]
    public async Task CacheHit_WithinTtl_CallsTheReaderOnce()
    {
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(300));

        var first = await agent.GetAsync("/v1/db");
        agent.Reader.Value = "value-2";
        agent.Time.Advance(TimeSpan.FromSeconds(299));
        var second = await agent.GetAsync("/v1/db");

        Assert.Equal(first.Body, second.Body);
        Assert.Single(agent.Reader.Calls);
    }

    [Fact]
    public async Task AfterTtl_ReadsAgain()
    {
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(300));

        await agent.GetAsync("/v1/db");
        agent.Reader.Value = "value-2";
        agent.Time.Advance(TimeSpan.FromSeconds(301));
        var second = await agent.GetAsync("/v1/db");

        Assert.Equal("value-2", FakeSecretValueReader.SecretStringOf(second.Body));
        Assert.Equal(2, agent.Reader.Calls.Count);
    }

    [Fact]
    public async Task AfterTtl_UnchangedVersion_CostsOnlyDescribeSecret()
    {
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(300));

        var first = await agent.GetAsync("/v1/db");
        agent.Time.Advance(TimeSpan.FromSeconds(301));
        var second = await agent.GetAsync("/v1/db");
        agent.Time.Advance(TimeSpan.FromSeconds(299));
        await agent.GetAsync("/v1/db");

        Assert.Equal(first.Body, second.Body);
        Assert.Single(agent.Reader.Calls);
        Assert.Equal(1, agent.Reader.Describes);
    }

    [Fact]
    public async Task RefreshNow_BypassesTheTtl_AndUpdatesTheCache()
    {
        var agent = new AgentFixture();

        await agent.GetAsync("/v1/db");
        agent.Reader.Value = "value-2";
        var refreshed = await agent.GetAsync("/v1/db?refreshNow=true");
        var cached = await agent.GetAsync("/v1/db");

        Assert.Equal("value-2", FakeSecretValueReader.SecretStringOf(refreshed.Body));
        Assert.Equal(refreshed.Body, cached.Body);
        Assert.Equal(2, agent.Reader.Calls.Count);
    }

    [Fact]
    public async Task ThrottlingAfterTtl_ServesTheStaleValue_AndWarns()
    {
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(300));
        var first = await agent.GetAsync("/v1/db");
        agent.Time.Advance(TimeSpan.FromSeconds(301));
        agent.Reader.Failure = AwsErrors.Throttling();

        var stale = await agent.GetAsync("/v1/db");

        Assert.Equal(200, stale.Status);
        Assert.Equal(first.Body, stale.Body);
        Assert.Single(agent.Reader.Calls);
        Assert.Equal(1, agent.Reader.Describes);
        Assert.Contains(agent.Log.Lines, l => l.Contains("db: refresh failed (400 ThrottlingException), served the cached value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaleValue_IsStoredAgainWithAFreshTtl_AsAwsCachingLibDoes()
    {
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(300));
        await agent.GetAsync("/v1/db");
        agent.Time.Advance(TimeSpan.FromSeconds(301));
        agent.Reader.Failure = AwsErrors.Status(503, "InternalServiceError");
        await agent.GetAsync("/v1/db");

        agent.Time.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(200, (await agent.GetAsync("/v1/db")).Status);
        Assert.Single(agent.Reader.Calls);
        Assert.Equal(1, agent.Reader.Describes);
    }

    [Fact]
    public async Task NonTransientErrorAfterTtl_PassesThrough_NoStaleValue()
    {
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(300));
        await agent.GetAsync("/v1/db");
        agent.Time.Advance(TimeSpan.FromSeconds(301));
        agent.Reader.Failure = AwsErrors.Status(400, "AccessDeniedException");

        AssertError(await agent.GetAsync("/v1/db"), 400, "AccessDeniedException", "denied");
    }

    [Fact]
    public async Task RefreshNow_DoesNotFallBackToTheCachedValue_AsCacheManagerRsDoes()
    {
        var agent = new AgentFixture();
        await agent.GetAsync("/v1/db");
        agent.Reader.Failure = AwsErrors.Throttling();

        AssertError(await agent.GetAsync("/v1/db?refreshNow=1"), 400, "ThrottlingException", "Rate exceeded");
    }

    [Fact]
    public async Task AwsError_PassesThroughWithUpstreamStatusTypeAndMessage()
    {
        var agent = new AgentFixture();
        agent.Reader.Failure = AwsErrors.Status(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

        AssertError(await agent.GetAsync("/secretsmanager/get?secretId=missing"), 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    [Fact]
    public async Task Timeout_Is504TimeoutError()
    {
        var agent = new AgentFixture();
        agent.Reader.Failure = new Polly.Timeout.TimeoutRejectedException();

        AssertError(await agent.GetAsync("/v1/db"), 504, "TimeoutError", "Timeout");
    }

    [Fact]
    public async Task ConnectionError_Is502ConnectionError()
    {
        var agent = new AgentFixture();
        agent.Reader.Failure = new HttpRequestException("Connection refused");

        AssertError(await agent.GetAsync("/v1/db"), 502, "ConnectionError", "Read Error");
    }

    [Fact]
    public async Task UnexpectedError_Is500InternalFailureWithoutMessage()
    {
        var agent = new AgentFixture();
        agent.Reader.Failure = new InvalidOperationException("boom");

        var response = await agent.GetAsync("/v1/db");

        Assert.Equal(500, response.Status);
        Assert.Equal("{\"__type\":\"InternalFailure\"}", FakeSecretValueReader.Text(response.Body));
    }

    [Fact]
    public async Task SizeBound_EvictsTheLeastRecentlyUsed()
    {
        var agent = new AgentFixture(maxEntries: 2);

        await agent.GetAsync("/v1/a");
        await agent.GetAsync("/v1/b");
        await agent.GetAsync("/v1/a");
        await agent.GetAsync("/v1/c");
        Assert.Equal(2, agent.Cache.Count);
        Assert.Equal(3, agent.Reader.Calls.Count);

        await agent.GetAsync("/v1/a");
        Assert.Equal(3, agent.Reader.Calls.Count);
        await agent.GetAsync("/v1/b");
        Assert.Equal(4, agent.Reader.Calls.Count);
        Assert.Equal("b", agent.Reader.Calls[^1].SecretId);
    }

    private static void AssertPlain(AgentResponse response, int status, string body)
    {
        Assert.Equal((status, body), (response.Status, FakeSecretValueReader.Text(response.Body)));
        Assert.Equal(AgentResponse.Text, response.ContentType);
    }

    private static void AssertError(AgentResponse response, int status, string type, string message)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(AgentResponse.Json, response.ContentType);
        var json = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(type, json.GetProperty("__type").GetString());
        Assert.Equal(message, json.GetProperty("message").GetString());
    }
}
