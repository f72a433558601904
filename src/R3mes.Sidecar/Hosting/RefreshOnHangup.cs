using System.Runtime.InteropServices;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Hosting;

/// <summary>
/// SIGHUP to the sidecar: say so in the log, and refresh every secret now. A storm of signals is merged by
/// <see cref="HangupCoalescer"/>: at most one more refresh per secret follows the first, however many arrive.
/// </summary>
internal sealed class RefreshOnHangup(RefreshScheduler scheduler, SidecarPlan plan, TimeProvider time, ILogger<RefreshOnHangup> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;
    private HangupCoalescer? _coalescer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _coalescer = new HangupCoalescer(Refresh, time);
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _coalescer.Signal();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _registration?.Dispose();
        _coalescer?.Dispose();
    }

    private void Refresh(int signals)
    {
        if (signals == 1)
        {
            Lifecycle.Hangup(logger, plan.Secrets.Count);
        }
        else
        {
            Lifecycle.HangupsMerged(logger, signals, plan.Secrets.Count);
        }

        scheduler.RefreshAll();
    }
}
