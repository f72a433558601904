using System.Globalization;
using System.Net;
using System.Net.Sockets;
using R3mes.Sidecar.Endpoints;
using R3mes.Sidecar.Tests.Support;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding "file-descriptor exhaustion through the local endpoints" (issue 15): 19,950 idle connections
/// to <c>listen</c> used up the sidecar's descriptors; every refresh then failed with "Too many open files" and
/// <c>/healthz</c> stopped answering. Here 2,000 idle connections meet a sidecar limited to 400 descriptors.
/// </summary>
public sealed class FileDescriptorExhaustionTests(ITestOutputHelper output)
{
    private const int OpenFileLimit = 400;
    private const int Bound = 16;
    private const int Flood = 2_000;

    [Fact]
    public async Task FdExhaustion_TwoThousandIdleConnections_SecretsStillRefreshAndHealthzAnswers()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("value.txt", "one");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            listen: 127.0.0.1:{{port}}
            limits: { listen: {{Bound}} }
            secrets:
              - name: app
                source: { file: src/value.txt }
                files: { value: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], launcher: ["prlimit", $"--nofile={OpenFileLimit}:{OpenFileLimit}"]);
        await run.WaitForOutputAsync("wrote value");
        await Eventually.Until(() => HealthyAsync(port), Eventually.DefaultTimeout, () => run.Transcript);
        var before = SocketDescriptors(run.Id);

        var sockets = OpenIdleConnections(port, Flood);
        try
        {
            // The flood has reached the sidecar once it holds the bound's worth of connections (or, unbounded, more).
            var during = 0;
            await Eventually.Until(() => (during = SocketDescriptors(run.Id)) >= Bound, TimeSpan.FromSeconds(30), () => run.Transcript);
            workspace.WriteSource("value.txt", "two");

            await Eventually.Until(() => File.ReadAllText(workspace.OutputFile("value")) == "two", TimeSpan.FromSeconds(30), () => run.Transcript);
            during = Math.Max(during, SocketDescriptors(run.Id));
            await Eventually.Until(() => HealthyAsync(port), TimeSpan.FromSeconds(60), () => run.Transcript);
            output.WriteLine($"sockets: {before} before, at most {during} seen during {Flood} idle connections; RSS during: {Rss(run.Id)}");
            // The accept gate holds the listener to its capacity (the bound and the connections being refused) however
            // slow the machine: before it, refusals queued on a busy thread pool piled up to 205 sockets here.
            Assert.True(during <= before + Bound + ConnectionBound.RefusingSlots, $"{during} sockets open during the flood, {before} before, bound {Bound} + {ConnectionBound.RefusingSlots} being refused");
            Assert.DoesNotContain("Too many open files", run.Transcript, StringComparison.Ordinal);
            Assert.Contains($"{Bound} connections already open, closed a new one", run.Transcript, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        await Eventually.Until(() => HealthyAsync(port), TimeSpan.FromSeconds(30), () => run.Transcript);
        output.WriteLine($"after the flood: {SocketDescriptors(run.Id)} sockets, {Directory.GetFileSystemEntries(ProcFd(run.Id)).Length} descriptors, RSS {Rss(run.Id)}");
        Assert.False(run.HasExited, run.Transcript);
    }

    [Fact]
    public async Task FdExhaustion_SigtermDuringAFlood_ExitsCleanly()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("value.txt", "one");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            listen: 127.0.0.1:{{port}}
            limits: { listen: 2 }
            secrets:
              - name: app
                source: { file: src/value.txt }
                files: { value: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote value");
        await Eventually.Until(() => HealthyAsync(port), Eventually.DefaultTimeout, () => run.Transcript);

        // Ten times the gate's capacity (2 + the refusing slots), the rest in the kernel's backlog: stopping the
        // listener with connections held, refused and queued must still end the accept loop and the process.
        var sockets = OpenIdleConnections(port, 10 * (2 + ConnectionBound.RefusingSlots));
        try
        {
            await run.WaitForOutputAsync("2 connections already open, closed a new one");
            run.Signal(Unix.SigTerm);
            Assert.Equal(0, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));
            Assert.Contains("shutting down: SIGTERM received", run.Transcript, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Non-blocking connects: the kernel completes each handshake; the sockets then say nothing.</summary>
    private static List<Socket> OpenIdleConnections(int port, int count)
    {
        var sockets = new List<Socket>(count);
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try
            {
                socket.Connect(IPAddress.Loopback, port);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // Completes in the background.
            }

            sockets.Add(socket);
        }

        return sockets;
    }

    private static async Task<bool> HealthyAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static string ProcFd(int pid) => $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd";

    /// <summary>The process's descriptors that are sockets (the listener, connections, its own clients).</summary>
    private static int SocketDescriptors(int pid)
    {
        var count = 0;
        foreach (var fd in Directory.GetFileSystemEntries(ProcFd(pid)))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return count;
    }

    private static string Rss(int pid) =>
        File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim();
}
