using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>Log events of the API client (6500–6519). Never a token or a Secret's data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning, Message = "kubernetes: the API server refused the service-account token (401); read {Path} again: {Outcome}")]
    public static partial void TokenRefused(ILogger logger, string path, string outcome);
}
