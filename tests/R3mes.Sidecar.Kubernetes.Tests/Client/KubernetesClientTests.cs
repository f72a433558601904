using R3mes.Sidecar.Kubernetes.Emulator;
using R3mes.Sidecar.Kubernetes.Tests.Support;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Tests.Client;

/// <summary>
/// The real client and watch loop against the emulator over https: the cluster CA is required (another CA is
/// refused), list and watch decode, an update reaches the source.
/// </summary>
public sealed class KubernetesClientTests
{
    [Fact]
    public async Task OverHttps_WithTheClusterCa_ListsAndWatches()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        emulator.CreateSecret("r3mes", "app", new Dictionary<string, string> { ["password"] = "pw-1", ["user"] = "app" });
        using var harness = new WatchHarness(server: emulator.Address, token: emulator.Token, caPem: emulator.CaPem);
        harness.StartWatch();
        await harness.WaitForChangesAsync(1);
        Assert.Equal("pw-1", await harness.FieldAsync("password"));
        Assert.Equal("app", await harness.FieldAsync("user"));

        var started = TimeProvider.System.GetTimestamp();
        while (emulator.OpenWatches == 0 && TimeProvider.System.GetElapsedTime(started) < ScriptedApi.Patience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        emulator.ReplaceSecret("r3mes", "app", new Dictionary<string, string> { ["password"] = "pw-2" });
        await harness.WaitForChangesAsync(2);
        var data = await harness.Source.FetchAsync(default);
        Assert.Equal("pw-2", data.Fields["password"].RevealUtf8());
        Assert.False(data.Fields.ContainsKey("user"));
    }

    [Fact]
    public async Task OverHttps_AnotherCa_IsRefused()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        await using var other = await KubernetesEmulator.StartAsync();
        emulator.CreateSecret("r3mes", "app", new Dictionary<string, string> { ["password"] = "pw-1" });
        using var harness = new WatchHarness(server: emulator.Address, token: emulator.Token, caPem: other.CaPem);

        var error = await Assert.ThrowsAsync<SecretSourceException>(() => harness.Source.FetchAsync(default).AsTask());
        Assert.Contains("cannot reach the API server", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }
}
