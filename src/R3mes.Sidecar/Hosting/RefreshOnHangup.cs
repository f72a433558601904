using System.Runtime.InteropServices;
using R3mes.Sidecar.Pipeline;

namespace R3mes.Sidecar.Hosting;

/// <summary>SIGHUP to the sidecar: refresh every secret now.</summary>
internal sealed class RefreshOnHangup(RefreshScheduler scheduler) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            scheduler.RefreshAll();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();
}
