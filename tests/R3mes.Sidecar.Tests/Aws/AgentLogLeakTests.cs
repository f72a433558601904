using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>No secret value and no token appears in any line the agent endpoint logs, on any path it takes.</summary>
public sealed class AgentLogLeakTests
{
    [Fact]
    public async Task NoSecretValueOrToken_InAnyLogLine()
    {
        const string secret = "CANARY-aws-agent-8c1d5e7a-secret";
        const string token = "CANARY-aws-agent-2b9f4c60-token";
        var agent = new AgentFixture(ttl: TimeSpan.FromSeconds(60), maxEntries: 1, token: token);
        agent.Reader.Value = secret;

        Assert.Equal(200, (await agent.GetAsync("/v1/db", token)).Status);
        Assert.Equal(200, (await agent.GetAsync("/secretsmanager/get?secretId=db&refreshNow=true", token)).Status);
        agent.Time.Advance(TimeSpan.FromSeconds(61));
        agent.Reader.Failure = AwsErrors.Throttling();
        Assert.Equal(200, (await agent.GetAsync("/v1/db", token)).Status);
        agent.Reader.Failure = AwsErrors.Status(400, "ResourceNotFoundException");
        Assert.Equal(400, (await agent.GetAsync("/v1/other", token)).Status);
        agent.Reader.Failure = new InvalidOperationException("boom");
        Assert.Equal(500, (await agent.GetAsync("/v1/third", token)).Status);
        Assert.Equal(403, (await agent.GetAsync("/v1/db", token + "x")).Status);
        Assert.Equal(400, (await agent.GetAsync("/v1/db", token, forwarded: true)).Status);
        Assert.Equal(405, (await agent.GetAsync("/v1/db", token, method: "PUT")).Status);
        Assert.Equal(400, (await agent.GetAsync("/v1/db?x=1", token)).Status);

        Assert.True(agent.Log.Lines.Count >= 6, agent.Log.Text);
        Assert.Contains(agent.Log.Lines, l => l.Contains("served the cached value", StringComparison.Ordinal));
        Canary.AssertAbsent([secret, token], agent.Log.Text);
    }
}
