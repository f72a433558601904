using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>Log events of the kubernetes source and its watch (6520–6549). Names and resource versions only, never data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6520, Level = LogLevel.Debug, Message = "kubernetes {Secret}: listed at resource version {ResourceVersion} ({State})")]
    public static partial void Listed(ILogger logger, string secret, string resourceVersion, string state);

    [LoggerMessage(EventId = 6521, Level = LogLevel.Debug, Message = "kubernetes {Secret}: watching from resource version {ResourceVersion}")]
    public static partial void Watching(ILogger logger, string secret, string resourceVersion);

    [LoggerMessage(EventId = 6522, Level = LogLevel.Information, Message = "kubernetes {Secret}: {Event} at resource version {ResourceVersion}")]
    public static partial void Changed(ILogger logger, string secret, string @event, string resourceVersion);

    [LoggerMessage(EventId = 6523, Level = LogLevel.Information, Message = "kubernetes {Secret}: resource version {ResourceVersion} is too old (410 Gone); listing again")]
    public static partial void Expired(ILogger logger, string secret, string resourceVersion);

    [LoggerMessage(EventId = 6524, Level = LogLevel.Warning, Message = "kubernetes {Secret}: {What} failed ({Failures} in a row), retrying in {DelaySeconds:0.##}s: {Reason}")]
    public static partial void WatchFailed(ILogger logger, string secret, string what, int failures, double delaySeconds, string reason);

    [LoggerMessage(EventId = 6525, Level = LogLevel.Debug, Message = "kubernetes {Secret}: the watch ended at resource version {ResourceVersion}; watching again")]
    public static partial void WatchEnded(ILogger logger, string secret, string resourceVersion);
}
