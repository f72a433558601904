using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Posix;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Sources.Files;

/// <summary>
/// The shared watcher's bookkeeping and its fallback, with a fake inotify: one watch per directory, events only
/// for the entry asked for, and polling (with one error line) whenever the kernel refuses.
/// </summary>
public sealed class DirectoryWatcherTests : IDisposable
{
    private const int EMFILE = 24;
    private const int ENOSPC = 28;
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _log = new();
    private readonly List<FakeInotify> _opened = [];
    private readonly ILoggerFactory _factory;
    private readonly DirectoryWatcher _watcher;
    private int? _openErrno;

    public DirectoryWatcherTests()
    {
        _factory = _log.CreateFactory();
        _watcher = new DirectoryWatcher(Open, _time, _factory.CreateLogger<DirectoryWatcher>());
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void Watch_ManySecretsInFewDirectories_OneInstanceOneWatchPerDirectory()
    {
        var counts = new int[300];
        var subscriptions = Enumerable.Range(0, 300)
            .Select(i => _watcher.Watch($"/secrets/{i % 3}", $"s{i}", () => counts[i]++))
            .ToArray();

        var inotify = Assert.Single(_opened);
        Assert.Equal(["/secrets/0", "/secrets/1", "/secrets/2"], inotify.Watches.Keys.Order(StringComparer.Ordinal));
        inotify.Deliver("/secrets/1", "s4");
        Assert.Equal(1, counts[4]);
        Assert.Equal(1, counts.Sum());
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        Assert.Equal([1, 2, 3], inotify.Removed.Order());
    }

    [Fact]
    public void Received_EventForAnotherEntry_OnlyDirectorySubscribersAndKubernetesSwapNotified()
    {
        int file = 0, directory = 0;
        using var one = _watcher.Watch("/secrets", "redis_password.txt", () => file++);
        using var all = _watcher.Watch("/secrets", null, () => directory++);
        var inotify = Assert.Single(_opened);

        inotify.Deliver("/secrets", "jwt_secret.txt");
        inotify.Deliver("/secrets", "redis_password.txt");
        inotify.Deliver("/secrets", "..data", Inotify.MovedTo);

        Assert.Equal(2, file);
        Assert.Equal(3, directory);
    }

    [Fact]
    public void Watch_NoInotifyInstanceLeft_OneErrorAndEverySecretPolled()
    {
        _openErrno = EMFILE;
        var counts = new int[3];

        using var a = _watcher.Watch("/secrets/a", null, () => counts[0]++);
        using var b = _watcher.Watch("/secrets/b", null, () => counts[1]++);
        using var c = _watcher.Watch("/secrets/c", "x", () => counts[2]++);
        _time.Advance(DirectoryWatcher.PollInterval);
        _time.Advance(DirectoryWatcher.PollInterval);

        Assert.Equal([2, 2, 2], counts);
        var error = Assert.Single(_log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("cannot watch /secrets/a for changes: inotify_init1:", error, StringComparison.Ordinal);
        Assert.Contains("fs.inotify.max_user_instances", error, StringComparison.Ordinal);
        Assert.Contains("polling every 1s instead", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_NoWatchLeft_OneErrorAndThoseSecretsPolled()
    {
        int watched = 0, polled = 0, polledToo = 0;
        using var first = _watcher.Watch("/secrets/a", null, () => watched++);
        var inotify = Assert.Single(_opened);
        inotify.AddErrno = ENOSPC;

        using var second = _watcher.Watch("/secrets/b", null, () => polled++);
        using var third = _watcher.Watch("/secrets/c", null, () => polledToo++);
        _time.Advance(DirectoryWatcher.PollInterval);

        Assert.Equal((0, 1, 1), (watched, polled, polledToo));
        var error = Assert.Single(_log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("fs.inotify.max_user_watches", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_ReadingThreadDies_OneErrorAndEveryWatchedSecretPolled()
    {
        var count = 0;
        using var subscription = _watcher.Watch("/secrets", null, () => count++);
        var inotify = Assert.Single(_opened);

        inotify.FailThread(new PosixException("read", 5, "inotify"));
        _time.Advance(DirectoryWatcher.PollInterval);
        using var later = _watcher.Watch("/other", null, () => count++);
        _time.Advance(DirectoryWatcher.PollInterval);

        Assert.Equal(3, count);
        Assert.Single(_opened);
        Assert.Single(_log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public void Received_DirectoryRemoved_PolledFromThen()
    {
        var count = 0;
        using var subscription = _watcher.Watch("/secrets", null, () => count++);
        var inotify = Assert.Single(_opened);

        inotify.Deliver("/secrets", null, Inotify.Ignored);
        _time.Advance(DirectoryWatcher.PollInterval);

        Assert.Equal(2, count);
    }

    [Fact]
    public void Dispose_PolledSubscription_NoMoreCalls()
    {
        _openErrno = EMFILE;
        var count = 0;
        var subscription = _watcher.Watch("/secrets", null, () => count++);
        _time.Advance(DirectoryWatcher.PollInterval);

        subscription.Dispose();
        _time.Advance(DirectoryWatcher.PollInterval * 3);

        Assert.Equal(1, count);
    }

    private FakeInotify Open(Action<WatchEvent> received, Action<Exception> failed)
    {
        if (_openErrno is { } errno)
        {
            throw new PosixException("inotify_init1", errno);
        }

        var inotify = new FakeInotify(received, failed);
        _opened.Add(inotify);
        return inotify;
    }
}
