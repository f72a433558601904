using System.Runtime.InteropServices;
using R3mes.Secrets;
using R3mes.Secrets.Watching;

namespace R3mes.Backend.Example;

/// <summary>Rebuilds the pool at start, when the credential files change, and on SIGHUP (the sidecar's signal action).</summary>
internal sealed class CredentialReloader(CredentialPool pool, BackendOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requests = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var watcher = new SecretWatcher(new SecretWatcherOptions { Directory = options.SecretsDirectory, PollingInterval = TimeSpan.FromMilliseconds(500) });
        watcher.Changed += (_, e) =>
        {
            if (e.Contains(SecretKey.PostgresUser) || e.Contains(SecretKey.PostgresPassword))
            {
                requests.Writer.TryWrite("files changed");
            }
        };
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            requests.Writer.TryWrite("SIGHUP");
        });

        await pool.RebuildAsync("start", stoppingToken);
        await foreach (var reason in requests.Reader.ReadAllAsync(stoppingToken))
        {
            await pool.RebuildAsync(reason, stoppingToken);
        }
    }
}
