using Npgsql;
using R3mes.Secrets;

namespace R3mes.Backend.Example;

/// <summary>
/// The connection pool on the sidecar's current credentials. <see cref="RebuildAsync"/> reads both files, builds a
/// new pool, proves it with <c>SELECT 1</c> and only then swaps it in; the old pool is disposed after a drain delay so
/// queries in flight finish. A pair that does not authenticate yet (user written, password not yet) keeps the old
/// pool and is retried. Never logs or returns the password.
/// </summary>
internal sealed partial class CredentialPool(BackendOptions options, TimeProvider time, ILogger<CredentialPool> logger) : IAsyncDisposable
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly SecretReader _reader = new(new SecretReaderOptions { Directory = options.SecretsDirectory, AllowEnvironmentFallback = false });
    private volatile NpgsqlDataSource? _current;
    private string _user = "";
    private int _rebuilds;

    public string User => _user;

    public int Rebuilds => _rebuilds;

    public NpgsqlDataSource Current => _current ?? throw new InvalidOperationException("no database credentials yet");

    /// <summary>Swaps in a pool on the credentials now in the files; retries a few times while they do not work yet.</summary>
    public async Task RebuildAsync(string reason, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; attempt <= 20; attempt++)
            {
                if (await TrySwapAsync(reason, cancellationToken))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private async Task<bool> TrySwapAsync(string reason, CancellationToken cancellationToken)
    {
        if (!_reader.TryGet(SecretKey.PostgresUser, out var user) || !_reader.TryGet(SecretKey.PostgresPassword, out var password))
        {
            return false;
        }

        if (user == _user && _current is not null)
        {
            return true;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = options.Host,
            Port = options.Port,
            Database = options.Database,
            Username = user,
            Password = password,
            Timeout = 5,
            MaxPoolSize = 20,
        };
        var candidate = NpgsqlDataSource.Create(builder.ConnectionString);
        try
        {
            await using var command = candidate.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            LogNotYet(logger, user, e.SqlState ?? e.GetType().Name);
            await candidate.DisposeAsync();
            return false;
        }

        var old = Interlocked.Exchange(ref _current, candidate);
        _user = user;
        Interlocked.Increment(ref _rebuilds);
        LogSwapped(logger, user, reason);
        if (old is not null)
        {
            _ = DisposeLaterAsync(old);
        }

        return true;
    }

    private async Task DisposeLaterAsync(NpgsqlDataSource old)
    {
        await Task.Delay(Drain, time);
        await old.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is { } current)
        {
            await current.DisposeAsync();
        }

        _rebuild.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "database pool now uses {User} ({Reason})")]
    private static partial void LogSwapped(ILogger logger, string user, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "credentials for {User} do not work yet ({SqlState}); keeping the current pool")]
    private static partial void LogNotYet(ILogger logger, string user, string sqlState);
}
