using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// Says where the local endpoints listen, and warns loudly when that is not loopback — once the server has started,
/// so the line is true when it appears (hosted services start before Kestrel binds).
/// </summary>
internal sealed partial class EndpointAnnouncer(Listener listener, IHostApplicationLifetime lifetime, ILogger<EndpointAnnouncer> logger) : IHostedService, IDisposable
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _started.Dispose();

    private void Announce()
    {
        ListenAddress address = listener.Address;
        if (address.IsLoopback)
        {
            LogLoopback(logger, listener.What, address.EndPoint.ToString());
        }
        else
        {
            LogExposed(logger, listener.What, address.EndPoint.ToString());
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{What} on http://{EndPoint} (loopback only)")]
    private static partial void LogLoopback(ILogger logger, string what, string endPoint);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{What} on http://{EndPoint}: NOT loopback, reachable from the network")]
    private static partial void LogExposed(ILogger logger, string what, string endPoint);
}
