using System.Runtime.InteropServices;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Hosting;

/// <summary>SIGHUP to the sidecar: say so in the log, and refresh every secret now.</summary>
internal sealed class RefreshOnHangup(RefreshScheduler scheduler, SidecarPlan plan, ILogger<RefreshOnHangup> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Lifecycle.Hangup(logger, plan.Secrets.Count);
            scheduler.RefreshAll();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();
}
