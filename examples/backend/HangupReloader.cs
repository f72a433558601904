using System.Runtime.InteropServices;
using R3mes.Secrets.Npgsql;

namespace R3mes.Backend.Example;

/// <summary>SIGHUP (the sidecar's signal action) asks for a pool rebuild; file changes are handled by the library.</summary>
internal sealed class HangupReloader(RotatingNpgsqlDataSource pool) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _hangup;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            pool.RequestRebuild("SIGHUP");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _hangup?.Dispose();
}
