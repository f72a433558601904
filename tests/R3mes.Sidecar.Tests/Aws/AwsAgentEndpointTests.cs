using System.Net;
using System.Text.Json;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// <c>aws.agent</c> in a real <c>run</c> against the AWS emulator (signatures verified): its own loopback listener,
/// announced, answering an AWS-agent-style client with the GetSecretValue JSON, and refusing as AWS's agent does.
/// </summary>
public sealed class AwsAgentEndpointTests
{
    private const string Token = "agent-endpoint-token-5d2a";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Run_ServesTheAgentEndpointOnItsOwnLoopbackListener()
    {
        await using var aws = await AwsSetup.StartAsync();
        aws.CreateSecret("prod/db", "CANARY-agent-e2e-41c7", null);
        using var workspace = new TempWorkspace();
        var port = FreePort.Next();
        using var run = SidecarProcess.Start(["run", "-c", WriteConfig(workspace, aws.Address, port)], Environment(aws, workspace));
        await run.WaitForOutputAsync($"on http://127.0.0.1:{port} (loopback only)");
        var root = $"http://127.0.0.1:{port}";

        Assert.Equal("healthy", await Http.GetStringAsync($"{root}/ping"));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"{root}/v1/prod/db", token: null)).StatusCode);
        using var ok = await SendAsync(HttpMethod.Get, $"{root}/v1/prod/db", Token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal("CANARY-agent-e2e-41c7", json.RootElement.GetProperty("SecretString").GetString());
        using var byQuery = await SendAsync(HttpMethod.Get, $"{root}/secretsmanager/get?secretId=prod%2Fdb", Token);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(1, aws.Count("GetSecretValue"));
        Assert.Equal(aws.SecretArn("prod/db"), json.RootElement.GetProperty("ARN").GetString());

        using var missing = await SendAsync(HttpMethod.Get, $"{root}/v1/nope", Token);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"__type\":\"ResourceNotFoundException\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, $"{root}/v1/prod/db");
        forwarded.Headers.Add("X-Aws-Parameters-Secrets-Token", Token);
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(forwarded)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(HttpMethod.Post, $"{root}/v1/prod/db", Token)).StatusCode);

        Canary.AssertAbsent(["CANARY-agent-e2e-41c7", Token], run.Transcript);
    }

    [Fact]
    public async Task Run_WithoutAToken_RefusesToStart()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        var environment = Environment(aws, workspace);
        environment["AGENT_TOKEN"] = null;

        using var run = SidecarProcess.Start(["run", "-c", WriteConfig(workspace, aws.Address, FreePort.Next())], environment);

        Assert.Equal(2, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Contains("aws.agent.token", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("no token in AGENT_TOKEN", run.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(R3mes.Sidecar.Aws.Emulator.AwsEmulator aws, TempWorkspace workspace)
    {
        var environment = AwsSetup.Environment(aws, workspace);
        environment["AGENT_TOKEN"] = Token;
        return environment;
    }

    private static string WriteConfig(TempWorkspace workspace, Uri aws, int agentPort)
    {
        workspace.WriteSource("app.txt", "file-value");
        return workspace.WriteConfig($$"""
            output: { dir: out }
            aws:
              region: us-east-1
              endpoint: {{aws}}
              agent: { listen: 127.0.0.1:{{agentPort}}, token: env:AGENT_TOKEN, ttl: 5m, max_entries: 10 }
            secrets:
              - name: app
                source: { file: src }
                files: { app: {} }
            """);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Add("X-Aws-Parameters-Secrets-Token", token);
        }

        return Http.SendAsync(request);
    }
}
