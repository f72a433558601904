using System.Net.Sockets;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Diagnostics;

/// <summary>
/// The fixed set of <c>reason</c> label values on error counters (docs/metrics.md): few enough that every series
/// can exist at 0 from the start, and never anything taken from a message.
/// </summary>
public static class ErrorReason
{
    /// <summary>The backend could not be reached or answered 5xx/429, or the call timed out.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The backend refused the credentials or the policy (403).</summary>
    public const string Denied = "denied";

    /// <summary>The path, secret or version does not exist (or was deleted).</summary>
    public const string NotFound = "not_found";

    /// <summary>The backend refused the request for another reason (a misconfigured mount or role).</summary>
    public const string Rejected = "rejected";

    /// <summary>The value could not be turned into the files (missing field, bad template input, bad base64).</summary>
    public const string Render = "render";

    /// <summary>A file could not be written safely.</summary>
    public const string Write = "write";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Unavailable, Denied, NotFound, Rejected, Render, Write, Other];

    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            IErrorReason known when All.Contains(known.ErrorReason) => known.ErrorReason,
            SecretSourceException source => source.Transient ? Unavailable : Rejected,
            SecretFormatException => Render,
            OutputException => Write,
            HttpRequestException or SocketException or TimeoutException or OperationCanceledException => Unavailable,
            _ when exception.InnerException is { } inner => Of(inner),
            _ => Other,
        };
    }
}
