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
            SecretSourceException or SecretFormatException or OutputException or EmptyValueException => exception.Message,
            OperationCanceledException => "timed out or cancelled",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }

    /// <summary>
    /// Whether retrying within <c>retry_budget</c> can help: a bad template, a missing field or a refused output
    /// file (a symlink or directory planted at the target) will not fix itself. The daemon retries everything.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SecretSourceException source => source.Transient,
        SecretFormatException or OutputException => false,
        _ => true,
    };
}
