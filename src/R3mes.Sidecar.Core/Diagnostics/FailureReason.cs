using System.Net;
using System.Net.Sockets;
using Polly.Timeout;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Diagnostics;

/// <summary>
/// The fixed set of <c>reason</c> labels for a failed fetch, so a metric's label set stays small whatever the
/// backend says: <c>unreachable</c>, <c>timeout</c>, <c>server</c> (5xx) mean the backend is down;
/// <c>denied</c> (401/403), <c>not_found</c> (404), <c>throttled</c> (429), <c>rejected</c> (other 4xx) and
/// <c>other</c> mean it answered. <c>render</c> (the value cannot become the files) and <c>write</c> (a file could
/// not be written safely) are the sidecar's own failures. Never text from a message: the label set stays fixed, so
/// every series can exist at 0 from the start (docs/metrics.md).
/// </summary>
public static class FailureReason
{
    public const string Unreachable = "unreachable";
    public const string Timeout = "timeout";
    public const string Server = "server";
    public const string Denied = "denied";
    public const string NotFound = "not_found";
    public const string Throttled = "throttled";
    public const string Rejected = "rejected";
    public const string Render = "render";
    public const string Write = "write";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Unreachable, Timeout, Server, Denied, NotFound, Throttled, Rejected, Render, Write, Other];

    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            IHttpFailure { Status: var status } when status != 0 => OfStatus(status),
            HttpRequestException { StatusCode: { } status } => OfStatus(status),
            OperationCanceledException or TimeoutException or TimeoutRejectedException => Timeout,
            // A connection cut while the answer's body is read (RST mid-body, a backend killed mid-answer) surfaces outside
            // HttpRequestException: the backend could not be reached for the whole answer.
            HttpRequestException or SocketException or HttpIOException => Unreachable,
            SecretFormatException or Pipeline.EmptyValueException => Render,
            OutputException => Write,
            SecretSourceException { InnerException: { } inner } => Of(inner),
            SecretSourceException => Other,
            { InnerException: { } inner } => Of(inner),
            _ => Other,
        };
    }

    /// <summary>Whether the reason says the backend could not serve at all (as opposed to answering "no").</summary>
    public static bool MeansDown(string reason) => reason is Unreachable or Timeout or Server;

    private static string OfStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => Denied,
        404 => NotFound,
        429 => Throttled,
        >= 500 => Server,
        _ => Rejected,
    };
}
