using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Vault.Auth;

public sealed partial class VaultSession
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "logged in to Vault with {Method}: token accessor {Accessor}, ttl {TtlSeconds}s, renewable {Renewable}")]
    private static partial void LogLoggedIn(ILogger logger, string method, string accessor, double ttlSeconds, bool renewable);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "renewed token accessor {Accessor}: ttl {TtlSeconds}s")]
    private static partial void LogRenewed(ILogger logger, string accessor, double ttlSeconds);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "resumed the token kept in state_dir: accessor {Accessor}, ttl {TtlSeconds}s")]
    private static partial void LogResumed(ILogger logger, string accessor, double ttlSeconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Vault no longer accepts the token kept in state_dir; logging in")]
    private static partial void LogResumeRefused(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "after login: {Reason}")]
    private static partial void LogLoginListenerFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "revoked token accessor {Accessor} (revoke_on_shutdown)")]
    private static partial void LogRevoked(ILogger logger, string accessor);
}
