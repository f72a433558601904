using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// The one place that turns an exception into a log-safe sentence. Our own exception types are built without
/// values; anything else is reduced to its type and message, never its data or inner exceptions.
/// </summary>
public static class Failure
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SecretSourceException or SecretFormatException or OutputException => exception.Message,
            OperationCanceledException => "timed out or cancelled",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }

    /// <summary>Whether retrying can help: a bad template or a missing field will not fix itself.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SecretSourceException source => source.Transient,
        SecretFormatException => false,
        _ => true,
    };
}
