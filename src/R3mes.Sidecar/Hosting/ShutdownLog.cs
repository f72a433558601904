using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Hosting;

/// <summary>
/// Notes which signal stops the daemon (SIGTERM, SIGINT, SIGQUIT) without handling it — the console lifetime (run)
/// or the child supervisor (exec) does — and logs one shutdown line with the reason when the host starts stopping.
/// </summary>
internal sealed class ShutdownLog(ShutdownReason reason, IHostApplicationLifetime lifetime, ILogger<ShutdownLog> logger) : IHostedService, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (signal, name) in new[] { (PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGQUIT, "SIGQUIT") })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, _ => reason.Record($"{name} received")));
        }

        _stopping = lifetime.ApplicationStopping.Register(() => Lifecycle.Stopping(logger, reason.Reason));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _stopping.Dispose();
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
