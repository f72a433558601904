using System.Net;
using System.Net.Sockets;
using R3mes.Sidecar.Tests.Support;

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
        await Eventually.Until(async () => (await TryPingAsync(port)).StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal), Eventually.DefaultTimeout, () => run.Transcript);

        await run.WaitForOutputAsync("wrote app");

        // Three silent connections: whichever order Kestrel takes them in, two hold the bound (until the header timeout).
        using var idle1 = await ConnectAsync(port);
        using var idle2 = await ConnectAsync(port);
        using var idle3 = await ConnectAsync(port);
        var refused = "";
        await Eventually.Until(async () => (refused = await PingAsync(port)).StartsWith("HTTP/1.1 429 ", StringComparison.Ordinal), TimeSpan.FromSeconds(4), () => $"last answer: '{refused}'; {run.Transcript}");

        Assert.Contains("Connection limit exceeded", refused, StringComparison.Ordinal);
        await run.WaitForOutputAsync("2 connections already open, closed a new one");
        await Eventually.Until(async () => (await PingAsync(port)).StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => run.Transcript);
    }

    /// <summary>The raw answer to <c>GET /ping</c>; empty when the connection was closed without one.</summary>
    private static async Task<string> PingAsync(int port)
    {
        using var socket = await ConnectAsync(port);
        await socket.SendAsync("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
        try
        {
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>As <see cref="PingAsync"/>, empty while nothing listens yet.</summary>
    private static async Task<string> TryPingAsync(int port)
    {
        try
        {
            return await PingAsync(port);
        }
        catch (SocketException)
        {
            return "";
        }
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }
}
