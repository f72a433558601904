using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Injector.Hosting;

internal static partial class InjectorServerLog
{
    [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "injector listening on https://{EndPoint} (/mutate, /healthz, /metrics)")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Information, Message = "pod {Namespace}/{Pod}: sidecar injected ({Operations} patch operations)")]
    public static partial void Injected(ILogger logger, string @namespace, string pod, int operations);

    [LoggerMessage(EventId = 8112, Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} denied: {Reason}")]
    public static partial void Denied(ILogger logger, string @namespace, string pod, string reason);

    [LoggerMessage(EventId = 8113, Level = LogLevel.Warning, Message = "malformed admission request answered 400: {Reason}")]
    public static partial void Malformed(ILogger logger, string reason);

    [LoggerMessage(EventId = 8114, Level = LogLevel.Error, Message = "admission request failed unexpectedly; answered 500")]
    public static partial void Failed(ILogger logger, Exception exception);
}
