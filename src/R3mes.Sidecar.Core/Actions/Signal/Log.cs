using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Actions.Signal;

/// <summary>
/// Log events of the signal action (ids 3000–3099 are the actions'). Arguments are names, numbers and display URLs only: never file
/// contents, command output, header values or response bodies.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Action {Action}: sent {Signal} to pid {Pid}")]
    public static partial void SignalSent(this ILogger logger, string action, string signal, int pid);
}
