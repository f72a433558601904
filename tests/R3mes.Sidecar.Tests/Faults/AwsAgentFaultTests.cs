using System.Net;
using R3mes.Sidecar.Tests.Aws;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), the AWS-agent-compatible endpoint while Secrets Manager is refused: a cached
/// <c>/secretsmanager/get</c> answers from the cache within its TTL without asking; after the TTL the failed refresh
/// (a connection error, transient) serves the cached body again, as AWS's agent does; <c>refreshNow</c> never falls
/// back and says 502 <c>ConnectionError</c>; once the endpoint is back the next read is fresh.
/// </summary>
public sealed class AwsAgentFaultTests
{
    private const string Token = "agent-fault-token-9b41";
    private const string SecretId = "r3mes/agent";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(4);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Aws_agent_endpoint_with_secrets_manager_refused__answers_from_cache_within_ttl_then_serves_stale_and_recovers()
    {
        await using var aws = await AwsSetup.StartAsync();
        aws.CreateSecret(SecretId, "agent-first-c0d3", null);
        await using var proxy = FaultProxy.Start(aws.Address.Port);
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app.txt", "file-value");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            aws:
              region: {{aws.Region}}
              endpoint: {{proxy.Address}}
              timeout: 500ms
              agent: { listen: 127.0.0.1:{{port}}, token: env:AGENT_TOKEN, ttl: {{Ttl.TotalSeconds}}s }
            secrets:
              - name: app
                source: { file: src }
                files: { app: {} }
            """);
        var environment = AwsSetup.Environment(aws, workspace);
        environment["AGENT_TOKEN"] = Token;
        using var run = SidecarProcess.Start(["run", "-c", config], environment);
        await run.WaitForOutputAsync($"on http://127.0.0.1:{port} (loopback only)");
        var get = $"http://127.0.0.1:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(SecretId)}";

        var (status, cached) = await GetAsync(get);
        var cachedAt = TimeProvider.System.GetTimestamp();
        Assert.True(status == HttpStatusCode.OK, $"{status} {cached}\n{run.Transcript}");
        Assert.Contains("agent-first-c0d3", cached, StringComparison.Ordinal);

        proxy.Switch(FaultMode.Refuse);
        var (withinTtl, body) = await GetAsync(get);
        Assert.True(TimeProvider.System.GetElapsedTime(cachedAt) < Ttl, "the second read came after the TTL: the test says nothing about it");
        Assert.Equal(HttpStatusCode.OK, withinTtl);
        Assert.Equal(cached, body);
        Assert.DoesNotContain("served the cached value", run.Transcript, StringComparison.Ordinal);
        var asked = TimeProvider.System.GetTimestamp();
        var (refreshNow, error) = await GetAsync(get + "&refreshNow=true");
        // A refused connection is 502 ConnectionError; an attempt that overran the 500 ms timeout (a loaded machine, a
        // JIT-compiled test binary's first retry) is 504 TimeoutError. Either way an error, not the cached body.
        Assert.True((refreshNow, ErrorType(error)) is (HttpStatusCode.BadGateway, "ConnectionError") or (HttpStatusCode.GatewayTimeout, "TimeoutError"),
            $"refreshNow: {(int)refreshNow} {error} after {TimeProvider.System.GetElapsedTime(asked).TotalSeconds:0.0}s\n{run.Transcript}");

        await Eventually.Quiet(Ttl - TimeProvider.System.GetElapsedTime(cachedAt) + TimeSpan.FromMilliseconds(500));
        var (afterTtl, stale) = await GetAsync(get);
        Assert.Equal(HttpStatusCode.OK, afterTtl);
        Assert.Equal(cached, stale);
        await run.WaitForOutputAsync("served the cached value");
        Assert.Matches($@"aws agent endpoint: {SecretId}: refresh failed \((502 ConnectionError|504 TimeoutError)\), served the cached value", run.Transcript);

        aws.Rotate(SecretId, "agent-next-c0d3");
        proxy.Switch(FaultMode.Pass);
        var (recovered, fresh) = await GetAsync(get + "&refreshNow=true");
        Assert.Equal(HttpStatusCode.OK, recovered);
        Assert.Contains("agent-next-c0d3", fresh, StringComparison.Ordinal);
        Assert.False(run.HasExited, run.Transcript);
        Canary.AssertAbsent(["agent-first-c0d3", "agent-next-c0d3", Token], run.Transcript);
    }

    private static string? ErrorType(string body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["__type"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Aws-Parameters-Secrets-Token", Token);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
