using Microsoft.Extensions.Logging;

namespace R3mes.Secrets.Npgsql;

/// <summary>Event ids 9001–9099. User names are logged (they identify the pool); passwords never are.</summary>
public sealed partial class RotatingNpgsqlDataSource
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "database pool now uses {User} ({Reason})")]
    private static partial void LogSwapped(ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "credentials for {User} do not work yet ({Failure}); keeping the current pool")]
    private static partial void LogNotYet(ILogger logger, string user, string failure);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "database credentials unavailable: {Problem}")]
    private static partial void LogCredentialsUnavailable(ILogger logger, string problem);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "no working database credentials after {Attempts} attempts ({Reason}); keeping the current pool")]
    private static partial void LogGaveUp(ILogger logger, int attempts, string reason);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "disposed the drained pool of {User}")]
    private static partial void LogRetired(ILogger logger, string user);
}
