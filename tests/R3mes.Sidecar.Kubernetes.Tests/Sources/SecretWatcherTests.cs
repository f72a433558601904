using R3mes.Sidecar.Kubernetes.Tests.Support;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Tests.Sources;

/// <summary>
/// The list + watch loop on a scripted API and a fake clock: where a watch starts, what each event does, how a
/// 410, an ended or a broken stream and a refused request are handled, and when the loop waits.
/// </summary>
public sealed class SecretWatcherTests
{
    [Fact]
    public async Task Start_ListsByName_ThenWatchesFromTheListsResourceVersion_WithBookmarks()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();

        var list = await harness.Api.NextAsync();
        Assert.Equal("/api/v1/namespaces/r3mes/secrets", list.Uri.AbsolutePath);
        Assert.Equal("metadata.name=app", list.Query("fieldSelector"));
        Assert.False(list.IsWatch);
        Assert.Equal("token-1", list.Bearer);
        list.Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));

        var watch = await harness.Api.NextAsync();
        Assert.True(watch.IsWatch);
        Assert.Equal("100", watch.Query("resourceVersion"));
        Assert.Equal("true", watch.Query("allowWatchBookmarks"));
        Assert.Equal("metadata.name=app", watch.Query("fieldSelector"));
        var timeout = int.Parse(watch.Query("timeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timeout, 300, 600);
        watch.Stream();

        await harness.WaitForChangesAsync(1);
        Assert.Equal("pw-1", await harness.FieldAsync("password"));
        Assert.Equal("90", (await harness.Source.FetchAsync(default)).Freshness.Version);
    }

    [Fact]
    public async Task Modified_ReachesTheNextFetch_AndAMetadataOnlyChangeNotifiesNothing()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await harness.WaitForChangesAsync(1);

        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "101", ("password", "pw-2"))));
        await harness.WaitForChangesAsync(2);
        Assert.Equal("pw-2", await harness.FieldAsync("password"));

        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "102", ("password", "pw-2"))));
        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "103", ("password", "pw-3"))));
        await harness.WaitForChangesAsync(3);
        Assert.Equal(3, harness.Changes);
        Assert.Equal("pw-3", await harness.FieldAsync("password"));
    }

    [Fact]
    public async Task Deleted_FetchSaysTheSecretDoesNotExist_ThenAddedAgain_FetchReturnsIt()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await harness.WaitForChangesAsync(1);

        await feed.SendAsync(Api.Event("DELETED", Api.Secret("app", "101", ("password", "pw-1"))));
        await harness.WaitForChangesAsync(2);
        var error = await Assert.ThrowsAsync<SecretSourceException>(() => harness.Source.FetchAsync(default).AsTask());
        Assert.Contains("kubernetes r3mes/app: the Secret does not exist", error.Message, StringComparison.Ordinal);
        Assert.True(error.Transient);

        await feed.SendAsync(Api.Event("ADDED", Api.Secret("app", "102", ("password", "pw-new"))));
        await harness.WaitForChangesAsync(3);
        Assert.Equal("pw-new", await harness.FieldAsync("password"));
    }

    [Fact]
    public async Task ErrorEvent410_ListsAgainAtOnce_AndWatchesFromTheNewListsResourceVersion()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "101", ("password", "pw-2"))));
        await harness.WaitForChangesAsync(2);

        await feed.SendAsync(Api.Expired("101"));
        var relist = await harness.Api.NextAsync();
        Assert.False(relist.IsWatch);
        relist.Json(Api.List("300", Api.Secret("app", "250", ("password", "pw-missed-while-away"))));
        var rewatch = await harness.Api.NextAsync();
        Assert.Equal("300", rewatch.Query("resourceVersion"));
        await harness.WaitForChangesAsync(3);
        Assert.Equal("pw-missed-while-away", await harness.FieldAsync("password"));
    }

    [Fact]
    public async Task Http410OnTheWatchRequest_ListsAgain()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await feed.SendAsync(Api.Bookmark("150"));
        await feed.EndAsync();

        var rewatch = await harness.Api.NextAsync();
        Assert.Equal("150", rewatch.Query("resourceVersion"));
        rewatch.Status(410, "Expired");

        var relist = await harness.Api.NextAsync();
        Assert.False(relist.IsWatch);
        relist.Json(Api.List("400", Api.Secret("app", "390", ("password", "pw-4"))));
        Assert.Equal("400", (await harness.Api.NextAsync()).Query("resourceVersion"));
        await harness.WaitForChangesAsync(2);
        Assert.Equal("pw-4", await harness.FieldAsync("password"));
    }

    [Fact]
    public async Task StreamEndsCleanly_WatchesAgainFromTheLastBookmark_WithoutListingOrWaiting()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "120", ("password", "pw-2"))));
        await feed.SendAsync(Api.Bookmark("180"));
        await feed.EndAsync();

        var next = await harness.Api.NextAsync();
        Assert.True(next.IsWatch);
        Assert.Equal("180", next.Query("resourceVersion"));
    }

    [Fact]
    public async Task StreamBreaks_WaitsABackoffOnTheClock_ThenWatchesFromTheLastResourceVersion()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "130", ("password", "pw-2"))));
        await harness.WaitForChangesAsync(2);

        var timers = harness.Time.Timers;
        await feed.BreakAsync();
        await harness.Time.WaitForTimerAfterAsync(timers);
        Assert.False(await harness.Api.HasRequestAsync());
        harness.Time.Advance(TimeSpan.FromMilliseconds(390));
        Assert.False(await harness.Api.HasRequestAsync());
        harness.Time.Advance(TimeSpan.FromMilliseconds(220));

        var next = await harness.Api.NextAsync();
        Assert.True(next.IsWatch);
        Assert.Equal("130", next.Query("resourceVersion"));
        Assert.Equal("pw-2", await harness.FieldAsync("password"));
    }

    [Fact]
    public async Task Refused_FetchReportsIt_AndRetriesBackOffExponentially()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        var first = await harness.Api.NextAsync();
        var timers = harness.Time.Timers;
        first.Status(403, "Forbidden");
        await harness.WaitForChangesAsync(1);
        await harness.Time.WaitForTimerAfterAsync(timers);
        var error = await Assert.ThrowsAsync<SecretSourceException>(() => harness.Source.FetchAsync(default).AsTask());
        Assert.Contains("403 Forbidden", error.Message, StringComparison.Ordinal);

        harness.Time.Advance(TimeSpan.FromMilliseconds(610));
        var second = await harness.Api.NextAsync();
        timers = harness.Time.Timers;
        second.Status(403, "Forbidden");
        await harness.Time.WaitForTimerAfterAsync(timers);
        harness.Time.Advance(TimeSpan.FromMilliseconds(790));
        Assert.False(await harness.Api.HasRequestAsync());
        harness.Time.Advance(TimeSpan.FromMilliseconds(420));

        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        (await harness.Api.NextAsync()).Stream();
        await harness.WaitForChangesAsync(2);
        Assert.Equal("pw-1", await harness.FieldAsync("password"));
    }

    [Fact]
    public async Task Unauthorized_RereadsTheTokenFile_AndRetriesAtOnceWithTheRotatedToken()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        var first = await harness.Api.NextAsync();
        Assert.Equal("token-1", first.Bearer);

        harness.WriteToken("token-2");
        first.Status(401, "Unauthorized");
        var retry = await harness.Api.NextAsync();
        Assert.False(retry.IsWatch);
        Assert.Equal("token-2", retry.Bearer);
        retry.Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        Assert.Equal("token-2", (await harness.Api.NextAsync()).Bearer);
    }

    [Fact]
    public async Task Unauthorized_TokenUnchanged_IsAFailureNotALoop()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Status(401, "Unauthorized");

        Assert.False(await harness.Api.HasRequestAsync());
        await harness.WaitForChangesAsync(1);
        var error = await Assert.ThrowsAsync<SecretSourceException>(() => harness.Source.FetchAsync(default).AsTask());
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenFile_IsReadAgainAfterAMinute_WithoutWaitingForA401()
    {
        using var harness = new WatchHarness();
        harness.StartWatch();
        (await harness.Api.NextAsync()).Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"))));
        var feed = (await harness.Api.NextAsync()).Stream();
        await feed.SendAsync(Api.Event("MODIFIED", Api.Secret("app", "101", ("password", "pw-2"))));
        await harness.WaitForChangesAsync(2);

        harness.WriteToken("token-rotated-by-kubelet");
        harness.Time.Advance(TimeSpan.FromSeconds(61));
        await feed.EndAsync();

        var next = await harness.Api.NextAsync();
        Assert.Equal("token-rotated-by-kubelet", next.Bearer);
    }

    [Fact]
    public async Task NoNamespaceInTheSource_UsesThePodsNamespaceFile()
    {
        using var harness = new WatchHarness("app");
        harness.StartWatch();
        var list = await harness.Api.NextAsync();
        Assert.Equal("/api/v1/namespaces/pod-ns/secrets", list.Uri.AbsolutePath);
    }

    [Fact]
    public async Task NotWatched_FetchListsTheSecret_AndAMissingOneIsNotFound()
    {
        using var harness = new WatchHarness();
        var fetch = harness.Source.FetchAsync(default).AsTask();
        var list = await harness.Api.NextAsync();
        Assert.False(list.IsWatch);
        list.Json(Api.List("100", Api.Secret("app", "90", ("password", "pw-1"), ("user", "app"))));
        var data = await fetch;
        Assert.Equal("pw-1", data.Fields["password"].RevealUtf8());
        Assert.Equal("app", data.Fields["user"].RevealUtf8());

        var again = harness.Source.FetchAsync(default).AsTask();
        (await harness.Api.NextAsync()).Json(Api.List("101"));
        var error = await Assert.ThrowsAsync<SecretSourceException>(() => again);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
