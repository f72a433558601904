using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Pipeline;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// <c>vault.revoke_on_shutdown</c>: on SIGTERM, after the refresh loops have stopped (it is registered before them,
/// so the host stops it after them), revokes every lease the sidecar holds, then its own login token. Without the
/// option leases stay with their TTL and a restart resumes them from <c>state_dir</c>.
/// </summary>
internal sealed partial class LeaseRevocation(VaultRuntime vault, ILogger<LeaseRevocation> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (vault.Settings is not { RevokeOnShutdown: true })
        {
            return;
        }

        foreach (var lease in vault.Leases)
        {
            try
            {
                await lease.RevokeAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, lease.Description, Failure.Describe(e));
            }
        }

        try
        {
            await vault.Session.RevokeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, "the sidecar's token", Failure.Describe(e));
        }
    }

    [LoggerMessage(EventId = 4230, Level = LogLevel.Error, Message = "revoke_on_shutdown: could not revoke {What}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string what, string reason);
}
