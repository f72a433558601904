using System.Net;

namespace R3mes.Sidecar.Endpoints;

/// <summary>Says at start where the local endpoints listen, and warns loudly when that is not loopback.</summary>
internal sealed partial class EndpointAnnouncer(IPEndPoint endPoint, string what, ILogger<EndpointAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (LocalEndpoints.IsLoopback(endPoint))
        {
            LogLoopback(logger, what, endPoint.ToString());
        }
        else
        {
            LogExposed(logger, what, endPoint.ToString());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{What} on http://{EndPoint} (loopback only)")]
    private static partial void LogLoopback(ILogger logger, string what, string endPoint);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{What} on http://{EndPoint}: NOT loopback, reachable from the network")]
    private static partial void LogExposed(ILogger logger, string what, string endPoint);
}
