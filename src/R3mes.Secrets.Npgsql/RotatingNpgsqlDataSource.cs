using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace R3mes.Secrets.Npgsql;

/// <summary>
/// An <see cref="NpgsqlDataSource"/> (a connection pool) on the credentials in the secret files, replaced when they
/// change. <see cref="RebuildAsync"/> reads user and password, builds a new pool, proves it with <c>SELECT 1</c> and
/// only then swaps it in; the old pool stays open for <see cref="RotatingDataSourceOptions.DrainDelay"/> so queries in
/// flight finish, then is disposed. Credentials that do not work yet (user written, password not yet) keep the
/// current pool and are retried. Take <see cref="Current"/> for each unit of work rather than keeping it. Never logs
/// or exposes the password. Thread-safe; rebuilds run one at a time.
/// </summary>
public sealed partial class RotatingNpgsqlDataSource : IAsyncDisposable
{
    private readonly ISecretReader _reader;
    private readonly RotatingDataSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Task> _draining = [];
    private volatile CredentialedPool? _current;
    private int _rebuilds;
    private int _retired;

    /// <param name="reader">Reads the credentials; use one that reads afresh (<see cref="SecretReader"/>).</param>
    public RotatingNpgsqlDataSource(ISecretReader reader, RotatingDataSourceOptions options, TimeProvider time, ILogger<RotatingNpgsqlDataSource> logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _reader = reader;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The pool on the newest working credentials.</summary>
    /// <exception cref="InvalidOperationException">No credentials have worked yet.</exception>
    public NpgsqlDataSource Current => _current?.DataSource
        ?? throw new InvalidOperationException($"no working database credentials yet (secrets '{_options.UserKey}' and '{_options.PasswordKey}')");

    /// <summary>The database user of <see cref="Current"/>, or null before the first successful build.</summary>
    public string? User => _current?.User;

    /// <summary>How many pools have been swapped in (the first one included).</summary>
    public int Rebuilds => Volatile.Read(ref _rebuilds);

    /// <summary>How many replaced pools have been disposed after their drain delay.</summary>
    public int Retired => Volatile.Read(ref _retired);

    /// <summary>Rebuild requests (from the watcher or a signal), performed by the hosted rotation service.</summary>
    internal ChannelReader<string> Requests => _requests.Reader;

    /// <summary>Asks the hosted rotation service for a rebuild (e.g. from a SIGHUP handler); returns at once.</summary>
    public void RequestRebuild(string reason) => _requests.Writer.TryWrite(reason);

    /// <summary>
    /// Swaps in a pool on the credentials now in the files, unless the current pool already uses them. Retries up to
    /// <see cref="RotatingDataSourceOptions.MaxAttempts"/> times while they do not work yet.
    /// </summary>
    /// <returns>Whether <see cref="Current"/> now uses the credentials in the files.</returns>
    public async Task<bool> RebuildAsync(string reason, CancellationToken cancellationToken = default)
    {
        await _rebuild.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await TrySwapAsync(reason, cancellationToken).ConfigureAwait(false))
                    return true;
                if (attempt == _options.MaxAttempts)
                {
                    LogGaveUp(_logger, attempt, reason);
                    return false;
                }
                await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
            return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        _requests.Writer.TryComplete();
        Task[] draining;
        lock (_draining)
            draining = [.. _draining];
        await Task.WhenAll(draining).ConfigureAwait(false);
        if (_current is { } current)
            await current.DataSource.DisposeAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }

    private async Task<bool> TrySwapAsync(string reason, CancellationToken cancellationToken)
    {
        string user, password;
        try
        {
            user = await _reader.GetAsync(_options.UserKey, cancellationToken).ConfigureAwait(false);
            password = await _reader.GetAsync(_options.PasswordKey, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretException e)
        {
            LogCredentialsUnavailable(_logger, e.Message);
            return false;
        }
        if (_current is { } current && current.IsFor(user, password))
            return true;

        var candidate = Build(user, password);
        try
        {
            await using var command = candidate.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            await candidate.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException)
                throw;
            LogNotYet(_logger, user, (e as PostgresException)?.SqlState ?? e.GetType().Name);
            return false;
        }

        var old = Interlocked.Exchange(ref _current, new CredentialedPool(candidate, user, password));
        Interlocked.Increment(ref _rebuilds);
        LogSwapped(_logger, user, reason);
        if (old is not null)
            Retire(old);
        return true;
    }

    private NpgsqlDataSource Build(string user, string password)
    {
        var builder = new NpgsqlDataSourceBuilder();
        builder.ConnectionStringBuilder.Host = _options.Host;
        builder.ConnectionStringBuilder.Port = _options.Port;
        builder.ConnectionStringBuilder.Database = _options.Database;
        _options.ConfigureDataSource?.Invoke(builder);
        builder.ConnectionStringBuilder.Username = user;
        builder.ConnectionStringBuilder.Password = password;
        return builder.Build();
    }

    private void Retire(CredentialedPool old)
    {
        var drain = DrainThenDisposeAsync(old);
        lock (_draining)
        {
            _draining.RemoveAll(task => task.IsCompleted);
            _draining.Add(drain);
        }
    }

    private async Task DrainThenDisposeAsync(CredentialedPool old)
    {
        try
        {
            await Task.Delay(_options.DrainDelay, _time, _disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposing: close it now.
        }
        await old.DataSource.DisposeAsync().ConfigureAwait(false);
        Interlocked.Increment(ref _retired);
        LogRetired(_logger, old.User);
    }
}
