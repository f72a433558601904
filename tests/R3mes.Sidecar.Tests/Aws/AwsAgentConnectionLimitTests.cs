using System.Net;
using System.Net.Sockets;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// <c>limits.aws_agent</c>: past the bound the agent endpoint answers 429, as AWS's agent does past its
/// <c>max_conn</c>, and idle connections give their slots back after the request-header timeout.
/// </summary>
public sealed class AwsAgentConnectionLimitTests
{
    private const string Token = "agent-limit-token-93b1";

    [Fact]
    public async Task AgentEndpoint_OverItsConnectionBound_Answers429ThenRecovers()
    {
        await using var aws = await AwsSetup.StartAsync();
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app.txt", "file-value");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            limits: { aws_agent: 2 }
            aws:
              region: us-east-1
              endpoint: {{aws.Address}}
              agent: { listen: 127.0.0.1:{{port}}, token: env:AGENT_TOKEN }
            secrets:
              - name: app
                source: { file: src }
                files: { app: {} }
            """);
        var environment = AwsSetup.Environment(aws, workspace);
        environment["AGENT_TOKEN"] = Token;
        using var run = SidecarProcess.Start(["run", "-c", config], environment);
        await run.WaitForOutputAsync($"on http://127.0.0.1:{port} (loopback only)");
        Assert.Equal((200, "healthy"), await RawHttp.SendAsync(port, "GET", "/ping"));

        await run.WaitForOutputAsync("wrote app");

        // Three silent connections: whichever order Kestrel takes them in, two hold the bound (until the header timeout).
        using var idle1 = await ConnectAsync(port);
        using var idle2 = await ConnectAsync(port);
        using var idle3 = await ConnectAsync(port);
        (int Status, string Body) refused = default;
        await Eventually.Until(async () => (refused = await RawHttp.SendAsync(port, "GET", "/ping")).Status == 429, TimeSpan.FromSeconds(4), () => run.Transcript);

        Assert.Contains("Connection limit exceeded", refused.Body, StringComparison.Ordinal);
        Assert.Contains("2 connections already open, closed a new one", run.Transcript, StringComparison.Ordinal);
        await Eventually.Until(async () => (await RawHttp.SendAsync(port, "GET", "/ping")).Status == 200, TimeSpan.FromSeconds(30), () => run.Transcript);
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }
}
