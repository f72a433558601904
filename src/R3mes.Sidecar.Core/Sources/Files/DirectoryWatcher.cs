using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// The process's one directory watcher: one inotify instance (opened at the first watch), one thread, one watch
/// per directory shared by every secret that reads it. When the kernel refuses — no inotify instance left for
/// the user (EMFILE), no watch left (ENOSPC), or the reading thread fails — one error is logged and the affected
/// secrets are told to look every <see cref="PollInterval"/> instead: the sidecar keeps working.
/// </summary>
internal sealed partial class DirectoryWatcher(InotifyOpener open, TimeProvider time, ILogger<DirectoryWatcher> logger) : IDirectoryWatcher, IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<DirectorySubscription>> _watched = [];
    private readonly List<DirectorySubscription> _polled = [];
    private IInotify? _inotify;
    private ITimer? _poller;
    private bool _broken;
    private bool _reported;
    private bool _disposed;

    public DirectoryWatcher(TimeProvider time, ILogger<DirectoryWatcher> logger)
        : this(InotifyInstance.Open, time, logger)
    {
    }

    public IDisposable Watch(string directory, string? entry, Action changed)
    {
        var subscription = new DirectorySubscription(this, directory, entry, changed);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!TryWatch(subscription))
            {
                Poll(subscription);
            }
        }

        return subscription;
    }

    public void Dispose()
    {
        IInotify? inotify;
        lock (_gate)
        {
            _disposed = true;
            _poller?.Dispose();
            _poller = null;
            (inotify, _inotify) = (_inotify, null);
        }

        // Outside the lock: the reading thread may be waiting for it to deliver an event.
        inotify?.Dispose();
    }

    internal void Unsubscribe(DirectorySubscription subscription)
    {
        lock (_gate)
        {
            if (subscription.Watch is { } watch && _watched.TryGetValue(watch, out var subscribers))
            {
                subscribers.Remove(subscription);
                if (subscribers.Count == 0)
                {
                    _watched.Remove(watch);
                    _inotify?.Remove(watch);
                }
            }
            else if (_polled.Remove(subscription) && _polled.Count == 0)
            {
                _poller?.Dispose();
                _poller = null;
            }
        }
    }

    private bool TryWatch(DirectorySubscription subscription)
    {
        if (_broken)
        {
            return false;
        }

        try
        {
            _inotify ??= open(Received, Failed);
        }
        catch (PosixException e)
        {
            _broken = true;
            Report(subscription.Directory, e.Errno == Libc.EMFILE
                ? $"{e.Message} (this user's inotify instances are used up on this node: raise fs.inotify.max_user_instances)"
                : e.Message);
            return false;
        }

        int watch;
        try
        {
            watch = _inotify.Add(subscription.Directory);
        }
        catch (PosixException e)
        {
            Report(subscription.Directory, e.Errno == Libc.ENOSPC
                ? $"{e.Message} (this user's inotify watches are used up: raise fs.inotify.max_user_watches)"
                : e.Message);
            return false;
        }

        if (!_watched.TryGetValue(watch, out var subscribers))
        {
            _watched[watch] = subscribers = [];
        }

        subscribers.Add(subscription);
        subscription.Watch = watch;
        return true;
    }

    private void Poll(DirectorySubscription subscription)
    {
        subscription.Watch = null;
        _polled.Add(subscription);
        _poller ??= time.CreateTimer(_ => Tick(), null, PollInterval, PollInterval);
    }

    /// <summary>The first failure is an error; later ones only repeat what it said.</summary>
    private void Report(string directory, string reason)
    {
        if (_reported)
        {
            LogStillPolling(logger, directory, reason);
            return;
        }

        _reported = true;
        LogWatchFailed(logger, directory, reason, PollInterval.TotalSeconds);
    }

    private void Received(WatchEvent change)
    {
        var notify = new List<Action>();
        lock (_gate)
        {
            if ((change.Mask & Inotify.QueueOverflow) != 0)
            {
                // The kernel dropped events: anything may have changed.
                notify.AddRange(_watched.Values.SelectMany(s => s).Select(s => s.Changed));
            }
            else if (_watched.TryGetValue(change.Watch, out var subscribers))
            {
                notify.AddRange(subscribers.Where(s => s.Concerns(change.Name)).Select(s => s.Changed));
                if ((change.Mask & Inotify.Ignored) != 0)
                {
                    // The directory went away (deleted, unmounted): its watch is gone, keep looking by polling.
                    _watched.Remove(change.Watch);
                    LogWatchEnded(logger, subscribers[0].Directory, PollInterval.TotalSeconds);
                    foreach (var subscription in subscribers)
                    {
                        Poll(subscription);
                    }
                }
            }
        }

        foreach (var changed in notify)
        {
            changed();
        }
    }

    private void Failed(Exception error)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _broken = true;
            Report("(all watched directories)", Pipeline.Failure.Describe(error));
            foreach (var subscription in _watched.Values.SelectMany(s => s).ToArray())
            {
                Poll(subscription);
            }

            _watched.Clear();
        }
    }

    private void Tick()
    {
        Action[] notify;
        lock (_gate)
        {
            notify = _polled.Select(s => s.Changed).ToArray();
        }

        foreach (var changed in notify)
        {
            changed();
        }
    }

    [LoggerMessage(EventId = 2600, Level = LogLevel.Error, Message = "cannot watch {Directory} for changes: {Reason}; polling every {IntervalSeconds:0.#}s instead (the sidecar keeps working; other directories that cannot be watched are polled without another error)")]
    private static partial void LogWatchFailed(ILogger logger, string directory, string reason, double intervalSeconds);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "cannot watch {Directory} either ({Reason}); polling it")]
    private static partial void LogStillPolling(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "watch on {Directory} ended (removed or unmounted); polling it every {IntervalSeconds:0.#}s")]
    private static partial void LogWatchEnded(ILogger logger, string directory, double intervalSeconds);
}
