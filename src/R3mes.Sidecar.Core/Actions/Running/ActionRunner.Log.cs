using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Actions.Running;

internal sealed partial class ActionRunner
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "action {Action} ran ({Description}) for changed files: {Files}")]
    private static partial void LogRan(ILogger logger, string action, string description, string files);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "action {Action} failed, attempt {Attempt} in {DelaySeconds:0.#}s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string action, int attempt, double delaySeconds, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "action {Action} failed after {Attempts} attempts, giving up until the next change: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string action, int attempts, string reason);
}
