namespace R3mes.Sidecar.Hosting;

/// <summary>The lifecycle lines of the log — start, SIGHUP, shutdown — so an operator can follow a sidecar's life. Event ids 1300–1309.</summary>
internal static partial class Lifecycle
{
    /// <summary>The one start line: version, command, configuration file, how many secrets, which backends, which endpoints.</summary>
    public static void LogStarting(ILogger logger, SidecarMode mode, string configPath, Plan.SidecarPlan plan, string endpoints)
    {
        var backends = plan.Secrets.Select(s => Pipeline.BackendName.Of(s.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        Starting(logger, Cli.VersionCommand.Version, mode.ToString().ToLowerInvariant(), configPath, plan.Secrets.Count, string.Join(", ", backends), endpoints);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "r3mes-sidecar {Version} starting {Command}: config {Config}, {Secrets} secret(s), backends: {Backends}, endpoints: {Endpoints}")]
    public static partial void Starting(ILogger logger, string version, string command, string config, int secrets, string backends, string endpoints);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "SIGHUP received: refreshing {Secrets} secret(s) now")]
    public static partial void Hangup(ILogger logger, int secrets);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "SIGHUP received {Signals} times since the last refresh: merged into one refresh of {Secrets} secret(s)")]
    public static partial void HangupsMerged(ILogger logger, int signals, int secrets);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "shutting down: {Reason}")]
    public static partial void Stopping(ILogger logger, string reason);
}
