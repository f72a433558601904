using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>Lease events (4200–4219). Lease ids are logged (Vault Agent does too); values and tokens never.</summary>
internal sealed partial class LeasedSource
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "vault {Path}: new lease {LeaseId} ({TtlSeconds:0}s, renewable {Renewable}; {Reason})")]
    private static partial void LogIssued(ILogger logger, string path, string leaseId, double ttlSeconds, bool renewable, string reason);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "vault {Path}: renewed lease {LeaseId} for {GrantedSeconds:0}s (max TTL reached: {Capped})")]
    private static partial void LogRenewed(ILogger logger, string path, string leaseId, double grantedSeconds, bool capped);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "vault {Path}: renewing lease {LeaseId} failed ({RemainingSeconds:0}s left), retrying: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string path, string leaseId, double remainingSeconds, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "vault {Path}: lease {LeaseId} is gone, fetching a replacement: {Reason}")]
    private static partial void LogLost(ILogger logger, string path, string leaseId, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "vault {Path}: replacement written; lease {LeaseId} will be revoked in {GraceSeconds:0}s")]
    private static partial void LogRetiring(ILogger logger, string path, string leaseId, double graceSeconds);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "vault {Path}: revoked lease {LeaseId} ({Why})")]
    private static partial void LogRevoked(ILogger logger, string path, string leaseId, string why);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "vault {Path}: revoking lease {LeaseId} failed, will retry: {Reason}")]
    private static partial void LogRevokeFailed(ILogger logger, string path, string leaseId, string reason);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Information, Message = "vault {Path}: resumed lease {LeaseId} from state_dir ({RemainingSeconds:0}s left)")]
    private static partial void LogResumed(ILogger logger, string path, string leaseId, double remainingSeconds);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Information, Message = "vault {Path}: not resuming lease {LeaseId} from state_dir: {Reason}")]
    private static partial void LogNotResumed(ILogger logger, string path, string leaseId, string reason);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "vault {Path}: the max TTL ends its leases {LifetimeSeconds:0}s after issue; the next leases are replaced at their rotation point of that lifetime")]
    private static partial void LogLifetimeLearned(ILogger logger, string path, double lifetimeSeconds);

    [LoggerMessage(EventId = 4209, Level = LogLevel.Warning, Message = "vault {Path}: could not keep the lease in state_dir: {Reason}")]
    private static partial void LogStateFailed(ILogger logger, string path, string reason);
}
