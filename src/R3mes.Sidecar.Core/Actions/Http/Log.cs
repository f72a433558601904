using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Actions.Http;

/// <summary>
/// Log events of the http action (ids 3000–3099 are the actions'). Arguments are names, numbers and display URLs only: never file
/// contents, command output, header values or response bodies.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3003, LogLevel.Information, "Action {Action}: {Method} {Url} answered {StatusCode}")]
    public static partial void HttpAnswered(this ILogger logger, string action, string method, string url, int statusCode);
}
