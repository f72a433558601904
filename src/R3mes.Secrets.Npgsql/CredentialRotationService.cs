using Microsoft.Extensions.Hosting;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets.Npgsql;

/// <summary>
/// Builds the first pool at start, then rebuilds it when the watcher reports the user or password file changed and
/// when <see cref="RotatingNpgsqlDataSource.RequestRebuild"/> is called (e.g. on the sidecar's SIGHUP).
/// </summary>
internal sealed class CredentialRotationService(RotatingNpgsqlDataSource pool, SecretWatcher watcher, RotatingDataSourceOptions options)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        watcher.Changed += OnChanged;
        try
        {
            await pool.RebuildAsync("start", stoppingToken).ConfigureAwait(false);
            await foreach (var reason in pool.Requests.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                await pool.RebuildAsync(reason, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            watcher.Changed -= OnChanged;
        }
    }

    private void OnChanged(object? sender, SecretsChangedEventArgs e)
    {
        if (e.Contains(options.UserKey) || e.Contains(options.PasswordKey))
            pool.RequestRebuild("files changed");
    }
}
