using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Actions.Command;

/// <summary>
/// Log events of the command action (ids 3000–3099 are the actions'). Arguments are names, numbers and display URLs only: never file
/// contents, command output, header values or response bodies.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Action {Action}: command {Program} exited with code {ExitCode} after {ElapsedMs} ms")]
    public static partial void CommandExited(this ILogger logger, string action, string program, int exitCode, long elapsedMs);

    [LoggerMessage(3002, LogLevel.Warning, "Action {Action}: command {Program} ran past its timeout of {Timeout}; killed it and its child processes")]
    public static partial void CommandKilled(this ILogger logger, string action, string program, string timeout);
}
