using Microsoft.Extensions.Primitives;

namespace R3mes.Secrets.Watching;

/// <summary>
/// Tells an application which secrets changed in the secrets directory, e.g. to rebuild a database pool when
/// <c>postgres_user</c> or <c>postgres_password</c> is replaced. Watching starts in the constructor; a directory
/// that does not exist yet is picked up by polling. Only real content changes are reported: a file rewritten with
/// the same bytes is not. Handlers run on a thread-pool thread, one change at a time; an exception a handler throws
/// is dropped so watching goes on, so handle your own errors.
/// </summary>
public sealed class SecretWatcher : IDisposable
{
    private readonly SecretDirectoryMonitor _monitor;
    private CancellationTokenSource _changeTokenSource = new();

    public SecretWatcher(SecretWatcherOptions? options = null)
    {
        options ??= new SecretWatcherOptions();
        var settings = SecretWatchSettings.Create(
            options.Directory, options.EnvironmentVariables, options.PollingInterval,
            options.UseFileSystemWatcher, options.TimeProvider);
        Directory = settings.Directory;
        var baseline = SecretDirectoryReader.Read(settings.Directory) ?? [];
        _monitor = new SecretDirectoryMonitor(settings, baseline, OnDirectoryChanged);
    }

    /// <summary>Raised after files changed, with their names.</summary>
    public event EventHandler<SecretsChangedEventArgs>? Changed;

    /// <summary>
    /// Raised before <see cref="Changed"/>: a <see cref="CachedSecretReader"/> drops stale values here, so a
    /// <see cref="Changed"/> handler that reads through it sees the new ones whatever the order of subscription.
    /// </summary>
    internal event Action<IReadOnlyList<string>>? Invalidating;

    /// <summary>The directory being watched.</summary>
    public string Directory { get; }

    /// <summary>A token that fires at the next change (use with <c>ChangeToken.OnChange</c>).</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changeTokenSource).Token);

    public void Dispose() => _monitor.Dispose();

    private void OnDirectoryChanged(SecretDirectoryChange change)
    {
        var previous = Interlocked.Exchange(ref _changeTokenSource, new CancellationTokenSource());
        try
        {
            Invalidating?.Invoke(change.Names);
            Changed?.Invoke(this, new SecretsChangedEventArgs(change.Names));
        }
        finally
        {
            previous.Cancel();
        }
    }
}
