namespace R3mes.Secrets.Watching;

/// <summary>
/// Watches a secrets directory and reports which files' content changed. A <see cref="FileSystemWatcher"/> on the
/// directory (not on files: the sidecar replaces files by rename) triggers a rescan after a short quiet period, so
/// files written together (user and password) are reported together; a polling timer rescans anyway, because
/// inotify misses events on some volumes. Both timers come from the <see cref="TimeProvider"/>. A rescan that cannot
/// list the directory keeps the last known state. Changes are reported one at a time, in order.
/// </summary>
internal sealed class SecretDirectoryMonitor : IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly SecretWatchSettings _settings;
    private readonly Action<SecretDirectoryChange> _onChange;
    private readonly ITimer _quietTimer;
    private readonly ITimer? _pollTimer;
    private SecretFingerprints _fingerprints;
    private FileSystemWatcher? _watcher;
    private bool _disposed;

    /// <param name="baseline">What the caller already read; changes are reported relative to it.</param>
    /// <param name="onChange">Called under the monitor's lock; exceptions it throws are dropped so watching goes on.</param>
    public SecretDirectoryMonitor(
        SecretWatchSettings settings, IReadOnlyDictionary<string, byte[]> baseline, Action<SecretDirectoryChange> onChange)
    {
        _settings = settings;
        _onChange = onChange;
        _fingerprints = new SecretFingerprints(baseline);
        lock (_gate)
        {
            _quietTimer = settings.TimeProvider.CreateTimer(_ => Rescan(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (settings.PollingInterval != Timeout.InfiniteTimeSpan)
                _pollTimer = settings.TimeProvider.CreateTimer(_ => Poll(), null, settings.PollingInterval, settings.PollingInterval);
            StartWatcher();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _watcher?.Dispose();
            _quietTimer.Dispose();
            _pollTimer?.Dispose();
        }
    }

    private void Poll()
    {
        lock (_gate)
        {
            if (_watcher is null)
                StartWatcher();
        }
        Rescan();
    }

    private void Rescan()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            var contents = SecretDirectoryReader.Read(_settings.Directory);
            if (contents is null)
                return;
            var fingerprints = new SecretFingerprints(contents);
            var changed = fingerprints.ChangedSince(_fingerprints);
            if (changed.Count == 0)
                return;
            _fingerprints = fingerprints;
            try
            {
                _onChange(new SecretDirectoryChange(changed, contents));
            }
#pragma warning disable CA1031 // A subscriber's failure must not stop the watcher or crash a timer thread.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void StartWatcher()
    {
        if (_disposed || !_settings.UseFileSystemWatcher || !Directory.Exists(_settings.Directory))
            return;
        try
        {
            var watcher = new FileSystemWatcher(_settings.Directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                    | NotifyFilters.Size | NotifyFilters.Attributes,
            };
            watcher.Created += OnFileSystemEvent;
            watcher.Changed += OnFileSystemEvent;
            watcher.Deleted += OnFileSystemEvent;
            watcher.Renamed += OnFileSystemEvent;
            watcher.Error += OnWatcherError;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify instance left, or the directory just vanished: polling carries on and retries.
            _watcher = null;
        }
    }

    private void OnFileSystemEvent(object sender, FileSystemEventArgs e)
    {
        // Any entry counts, hidden ones included: Kubernetes publishes by renaming '..data'.
        lock (_gate)
        {
            if (!_disposed)
                _quietTimer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(sender, _watcher))
                return;
            _watcher.Dispose();
            _watcher = null;
            if (_disposed)
                return;
            // Events may have been lost (queue overflow): start afresh and rescan.
            StartWatcher();
            _quietTimer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        }
    }
}
