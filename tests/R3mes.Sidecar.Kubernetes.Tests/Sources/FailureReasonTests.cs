using System.Net;
using System.Net.Sockets;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Kubernetes.Emulator;
using R3mes.Sidecar.Kubernetes.Tests.Support;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Tests.Sources;

/// <summary>
/// A failed fetch of a kubernetes source carries the API server's answer, so the failure's <c>reason</c> on
/// <c>/status</c> and in the metrics (<see cref="FailureReason.Of"/>) says what happened instead of <c>other</c>:
/// against the emulator, watched (the daemon) and listed (<c>once</c>).
/// </summary>
public sealed class FailureReasonTests
{
    [Fact]
    public async Task Watched_TokenRefused401_IsDenied()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        emulator.CreateSecret("r3mes", "app", Data);
        using var harness = new WatchHarness(server: emulator.Address, token: "not-the-token", caPem: emulator.CaPem);

        Assert.Equal(FailureReason.Denied, await WatchedReasonAsync(harness));
    }

    [Fact]
    public async Task Watched_RbacForbids403_IsDenied()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(OnlyOther);
        emulator.CreateSecret("r3mes", "app", Data);
        using var harness = Harness(emulator);

        Assert.Equal(FailureReason.Denied, await WatchedReasonAsync(harness));
    }

    [Fact]
    public async Task Listed_RbacForbids403_IsDenied()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(OnlyOther);
        using var harness = Harness(emulator);

        Assert.Equal(FailureReason.Denied, await ListedReasonAsync(harness));
    }

    [Fact]
    public async Task Watched_NoSuchSecret_IsNotFound()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var harness = Harness(emulator);

        Assert.Equal(FailureReason.NotFound, await WatchedReasonAsync(harness));
    }

    [Fact]
    public async Task Listed_NoSuchSecret_IsNotFound()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var harness = Harness(emulator);

        Assert.Equal(FailureReason.NotFound, await ListedReasonAsync(harness));
    }

    [Fact]
    public async Task Watched_Throttled429_IsThrottled()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        emulator.CreateSecret("r3mes", "app", Data);
        emulator.Throttle(100);
        using var harness = Harness(emulator);

        Assert.Equal(FailureReason.Throttled, await WatchedReasonAsync(harness));
        Assert.Contains(emulator.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task Watched_ConnectionRefused_IsUnreachable()
    {
        var emulator = await KubernetesEmulator.StartAsync();
        var (address, ca) = (emulator.Address, emulator.CaPem);
        await emulator.DisposeAsync();
        using var harness = new WatchHarness(server: address, token: "emulator-token-1", caPem: ca);

        Assert.Equal(FailureReason.Unreachable, await WatchedReasonAsync(harness));
    }

    [Fact]
    public async Task Watched_ConnectionReset_IsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var resets = ResetEveryConnectionAsync(listener);
        using var harness = new WatchHarness(server: new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));

        Assert.Equal(FailureReason.Unreachable, await WatchedReasonAsync(harness));
        listener.Stop();
        await resets;
    }

    private static Dictionary<string, string> Data => new(StringComparer.Ordinal) { ["password"] = "pw-1" };

    /// <summary>RBAC that lets the token read only another Secret.</summary>
    private static KubernetesEmulatorOptions OnlyOther => new() { ResourceNames = new HashSet<string>(StringComparer.Ordinal) { "r3mes/other" } };

    private static WatchHarness Harness(KubernetesEmulator emulator) => new(server: emulator.Address, token: emulator.Token, caPem: emulator.CaPem);

    /// <summary>Starts the watch, waits for its first answer (a fault or a state) and returns the reason its fetch fails with.</summary>
    private static async Task<string> WatchedReasonAsync(WatchHarness harness)
    {
        harness.StartWatch();
        await harness.WaitForChangesAsync(1);
        return await ListedReasonAsync(harness);
    }

    /// <summary>The reason the source's fetch fails with (not watched: it lists the Secret itself).</summary>
    private static async Task<string> ListedReasonAsync(WatchHarness harness) =>
        FailureReason.Of(await Assert.ThrowsAsync<SecretSourceException>(() => harness.Source.FetchAsync(default).AsTask()));

    /// <summary>Accepts connections and closes each with an RST (linger 0) before answering, until the listener stops.</summary>
    private static async Task ResetEveryConnectionAsync(TcpListener listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
    }
}
