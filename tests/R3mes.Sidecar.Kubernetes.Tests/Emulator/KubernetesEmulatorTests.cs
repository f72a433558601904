using System.Net;
using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Kubernetes.Emulator;

namespace R3mes.Sidecar.Kubernetes.Tests.Emulator;

/// <summary>
/// The emulator follows the documented API semantics the source relies on: list consistency, watch replay from a
/// resource version, synthetic ADDED without one, 410 Gone for a compacted version (ERROR event or status),
/// bookmarks only when asked, timeoutSeconds, the bearer token and its rotation, RBAC by resource name, and
/// stringData merged into data and never returned.
/// </summary>
public sealed class KubernetesEmulatorTests
{
    private const string Collection = "api/v1/namespaces/r3mes/secrets";
    private const string ByName = Collection + "?fieldSelector=metadata.name%3Dapp";

    [Fact]
    public async Task Watch_FromAResourceVersion_ReplaysLaterChangesInOrder_ThenLiveEvents()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var client = new EmulatorClient(emulator);
        var v1 = emulator.CreateSecret("r3mes", "app", Data("pw-1"));
        var v2 = emulator.ReplaceSecret("r3mes", "app", Data("pw-2"));
        emulator.CreateSecret("r3mes", "other", Data("x"));

        var (response, lines) = await client.WatchAsync($"{ByName}&watch=1&resourceVersion={v1}");
        using (response)
        {
            var replayed = await EmulatorClient.NextEventAsync(lines);
            Assert.Equal("MODIFIED", replayed.GetProperty("type").GetString());
            Assert.Equal(v2, replayed.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString());
            Assert.Equal("pw-2", Field(replayed, "password"));

            var deleted = emulator.DeleteSecret("r3mes", "app");
            var live = await EmulatorClient.NextEventAsync(lines);
            Assert.Equal("DELETED", live.GetProperty("type").GetString());
            Assert.Equal(deleted, live.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString());
        }
    }

    [Fact]
    public async Task Watch_WithoutAResourceVersion_StartsWithSyntheticAddedEvents()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var client = new EmulatorClient(emulator);
        emulator.CreateSecret("r3mes", "app", Data("pw-1"));
        emulator.ReplaceSecret("r3mes", "app", Data("pw-2"));

        var (response, lines) = await client.WatchAsync($"{ByName}&watch=true");
        using (response)
        {
            var first = await EmulatorClient.NextEventAsync(lines);
            Assert.Equal("ADDED", first.GetProperty("type").GetString());
            Assert.Equal("pw-2", Field(first, "password"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Watch_FromACompactedResourceVersion_IsGone(bool asHttpStatus)
    {
        await using var emulator = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { GoneAsHttpStatus = asHttpStatus });
        using var client = new EmulatorClient(emulator);
        var old = emulator.CreateSecret("r3mes", "app", Data("pw-1"));
        emulator.ReplaceSecret("r3mes", "app", Data("pw-2"));
        emulator.Compact();

        var (response, lines) = await client.WatchAsync($"{ByName}&watch=1&resourceVersion={old}");
        using (response)
        {
            var status = asHttpStatus ? JsonDocument.Parse(await lines.ReadToEndAsync()).RootElement : (await EmulatorClient.NextEventAsync(lines)).GetProperty("object");
            Assert.Equal(asHttpStatus ? HttpStatusCode.Gone : HttpStatusCode.OK, response.StatusCode);
            if (!asHttpStatus)
            {
                Assert.Null(await lines.ReadLineAsync());
            }

            Assert.Equal("Status", status.GetProperty("kind").GetString());
            Assert.Equal(410, status.GetProperty("code").GetInt32());
            Assert.Equal("Expired", status.GetProperty("reason").GetString());
        }

        var list = await client.JsonAsync(ByName);
        var (fresh, freshLines) = await client.WatchAsync($"{ByName}&watch=1&resourceVersion={list.GetProperty("metadata").GetProperty("resourceVersion").GetString()}");
        using (fresh)
        {
            emulator.ReplaceSecret("r3mes", "app", Data("pw-3"));
            Assert.Equal("pw-3", Field(await EmulatorClient.NextEventAsync(freshLines), "password"));
        }
    }

    [Fact]
    public async Task Watch_BookmarksOnlyWhenAllowed_CarryingOnlyTheResourceVersion_AndTimeoutSecondsEndsTheStream()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var client = new EmulatorClient(emulator);
        var version = emulator.CreateSecret("r3mes", "app", Data("pw-1"));
        var (plain, plainLines) = await client.WatchAsync($"{ByName}&watch=1&resourceVersion={version}&timeoutSeconds=1");
        var (marked, markedLines) = await client.WatchAsync($"{ByName}&watch=1&resourceVersion={version}&allowWatchBookmarks=true");
        using (plain)
        using (marked)
        {
            emulator.SendBookmarks();
            var bookmark = await EmulatorClient.NextEventAsync(markedLines);
            Assert.Equal("BOOKMARK", bookmark.GetProperty("type").GetString());
            var metadata = bookmark.GetProperty("object").GetProperty("metadata");
            Assert.Equal(version, metadata.GetProperty("resourceVersion").GetString());
            Assert.False(bookmark.GetProperty("object").TryGetProperty("data", out _));

            Assert.Null(await plainLines.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System));
        }
    }

    [Fact]
    public async Task BearerToken_WrongOrRotatedAway_Is401WithAStatus()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { Token = "first" });
        using var first = new EmulatorClient(emulator, "first");
        using var wrong = new EmulatorClient(emulator, "wrong");
        Assert.Equal(HttpStatusCode.OK, (await first.SendAsync(HttpMethod.Get, ByName)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.SendAsync(HttpMethod.Get, ByName)).StatusCode);

        emulator.RotateToken("second");
        using var second = new EmulatorClient(emulator, "second");
        var refused = await first.SendAsync(HttpMethod.Get, ByName);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(401, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(HttpMethod.Get, ByName)).StatusCode);
    }

    [Fact]
    public async Task ResourceNames_ListAndWatchNeedTheNameSelector_OtherVerbsAndNamesForbidden()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions
        {
            ResourceNames = new HashSet<string>(StringComparer.Ordinal) { "r3mes/app" },
            AllowedVerbs = new HashSet<string>(StringComparer.Ordinal) { "list", "watch" },
        });
        using var client = new EmulatorClient(emulator);
        emulator.CreateSecret("r3mes", "app", Data("pw-1"));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, ByName)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, Collection)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, Collection + "?fieldSelector=metadata.name%3Dother")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, Collection + "/app")).StatusCode);
    }

    [Fact]
    public async Task CreateWithStringData_IsStoredAsData_AndStringDataIsNeverReturned()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var client = new EmulatorClient(emulator);
        var created = await client.SendAsync(HttpMethod.Post, Collection,
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"app"},"data":{"a":"YQ=="},"stringData":{"password":"pw-plain"}}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var secret = await client.JsonAsync(Collection + "/app");
        Assert.Equal("pw-plain", Encoding.UTF8.GetString(Convert.FromBase64String(secret.GetProperty("data").GetProperty("password").GetString()!)));
        Assert.Equal("YQ==", secret.GetProperty("data").GetProperty("a").GetString());
        Assert.False(secret.TryGetProperty("stringData", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Post, Collection, """{"metadata":{"name":"app"},"data":{}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Delete, Collection + "/app")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, Collection + "/app")).StatusCode);
    }

    private static Dictionary<string, string> Data(string password) => new() { ["password"] = password };

    private static string Field(JsonElement watchEvent, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(watchEvent.GetProperty("object").GetProperty("data").GetProperty(key).GetString()!));
}
