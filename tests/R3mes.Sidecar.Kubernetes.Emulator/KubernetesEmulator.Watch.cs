using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>
/// List and watch. A list is consistent at the current resource version. A watch without a resource version (or
/// "0") starts with synthetic ADDED events for what exists, then live events; from a version N it replays every
/// change after N from the history, then live events — and answers 410 Gone when N is older than the history
/// keeps. BOOKMARKs (when allowed) every <see cref="KubernetesEmulatorOptions.BookmarkInterval"/>; the stream ends
/// cleanly after <c>timeoutSeconds</c>.
/// </summary>
public sealed partial class KubernetesEmulator
{
    private async Task<int> ListAsync(HttpContext context, string ns, string? name, string? resourceVersion, bool outOfNamespace)
    {
        string body;
        lock (_gate)
        {
            if (TooLarge(resourceVersion))
            {
                body = "";
            }
            else
            {
                var items = outOfNamespace ? [] : _secrets.Values.Where(s => s.Namespace == ns && (name is null || s.Name == name)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
                body = ApiJson.List(_resourceVersion, items);
            }
        }

        return body.Length == 0
            ? await WriteStatusAsync(context, 504, "Timeout", $"Too large resource version: {resourceVersion}, current: {ResourceVersion}")
            : await WriteJsonAsync(context, 200, body);
    }

    /// <summary>Records itself when it answers (a stream is recorded as it opens, not when it ends).</summary>
    private Task<int> WatchAsync(HttpContext context, string ns, string? name, string? resourceVersion, bool outOfNamespace, string token) =>
        OpenWatchAsync(context, ns, name, resourceVersion, outOfNamespace, code => Record("watch", ns, name, resourceVersion, code, token));

    private async Task<int> OpenWatchAsync(HttpContext context, string ns, string? name, string? resourceVersion, bool outOfNamespace, Action<int> record)
    {
        var query = context.Request.Query;
        var bookmarks = query["allowWatchBookmarks"].ToString() == "true";
        var timeout = _options.MaxWatchTimeout;
        if (long.TryParse(query["timeoutSeconds"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout = TimeSpan.FromSeconds(Math.Min(seconds, timeout.TotalSeconds));
        }

        long asked = 0;
        if (resourceVersion is { Length: > 0 } && resourceVersion != "0" && !long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out asked))
        {
            record(400);
            return await WriteStatusAsync(context, 400, "BadRequest", $"invalid resource version: {resourceVersion}");
        }

        var watch = new ActiveWatch(context, outOfNamespace ? "\0" : ns, name, bookmarks);
        List<string> replay;
        long oldest;
        lock (_gate)
        {
            oldest = _oldestWatchable;
            if (asked > _resourceVersion)
            {
                replay = [];
                watch = null!;
            }
            else if (asked == 0)
            {
                replay = _secrets.Values.Where(watch.Selects).OrderBy(s => s.ResourceVersion).Select(s => ApiJson.Event("ADDED", ApiJson.Secret(s))).ToList();
                _watches.Add(watch);
            }
            else if (asked < oldest)
            {
                replay = [];
            }
            else
            {
                replay = _history.Where(h => h.ResourceVersion > asked && watch.Selects(h.Secret)).Select(h => ApiJson.Event(h.Type, ApiJson.Secret(h.Secret))).ToList();
                _watches.Add(watch);
            }
        }

        if (watch is null)
        {
            record(504);
            return await WriteStatusAsync(context, 504, "Timeout", $"Too large resource version: {asked}, current: {ResourceVersion}");
        }

        if (asked != 0 && asked < oldest)
        {
            record(410);
            if (_options.GoneAsHttpStatus)
            {
                return await WriteStatusAsync(context, 410, "Expired", $"too old resource version: {asked} ({oldest})");
            }

            // The usual form: 200, then one ERROR event with the 410 Status. Recorded as 410 (what it means).
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ApiJson.Expired(asked, oldest));
            return 410;
        }

        record(200);
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            foreach (var line in replay)
            {
                await context.Response.WriteAsync(line);
            }

            await context.Response.Body.FlushAsync();
            await StreamAsync(context, watch, timeout);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            // Cut (CutWatches) or the client went away.
        }
        finally
        {
            lock (_gate)
            {
                _watches.Remove(watch);
            }
        }

        return 200;
    }

    private async Task StreamAsync(HttpContext context, ActiveWatch watch, TimeSpan timeout)
    {
        var time = _options.Time;
        var end = time.GetUtcNow() + timeout;
        var nextBookmark = time.GetUtcNow() + _options.BookmarkInterval;
        var aborted = context.RequestAborted;
        while (!aborted.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (now >= end)
            {
                return;
            }

            if (watch.Bookmarks && now >= nextBookmark)
            {
                lock (_gate)
                {
                    watch.Lines.Writer.TryWrite(ApiJson.Bookmark(_resourceVersion));
                }

                nextBookmark = now + _options.BookmarkInterval;
            }

            var wake = (watch.Bookmarks && nextBookmark < end ? nextBookmark : end) - now;
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            var ready = watch.Lines.Reader.WaitToReadAsync(sleep.Token).AsTask();
            var delay = Task.Delay(wake < TimeSpan.Zero ? TimeSpan.Zero : wake, time, sleep.Token);
            await Task.WhenAny(ready, delay);
            await sleep.CancelAsync();
            while (watch.Lines.Reader.TryRead(out var line))
            {
                await context.Response.WriteAsync(line, aborted);
            }

            await context.Response.Body.FlushAsync(aborted);
        }
    }

    private bool TooLarge(string? resourceVersion) =>
        long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > _resourceVersion;
}
