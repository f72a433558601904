using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// Keeps the session's token alive: renews on Vault's schedule (<see cref="LifetimeSchedule"/>), logs in again
/// when renewals stop extending the token (max TTL) or the token is rejected, and retries failed logins and
/// renewals with backoff until the token would have expired.
/// </summary>
internal sealed partial class VaultTokenKeeper(VaultRuntime vault, TimeProvider time, ILogger<VaultTokenKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (vault.Settings is null)
        {
            return;
        }

        var session = vault.Session;
        VaultToken? stale = null;
        var loginFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            VaultToken token;
            var held = session.Current;
            try
            {
                token = stale is null
                    ? await session.TokenAsync(stoppingToken).ConfigureAwait(false)
                    : await session.LoginAsync(stale, stoppingToken).ConfigureAwait(false);
                loginFailures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var delay = Backoff.Delay(++loginFailures, Random.Shared);
                LogLoginFailed(logger, loginFailures, delay.TotalSeconds, Failure.Describe(e));
                await WaitAsync(session, held, delay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            stale = await KeepAsync(session, token, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Renews <paramref name="token"/> until renewing is over; returns the token that needs replacing, or null when
    /// the session already holds a newer one (another caller logged in), which is then kept from its own issue time.
    /// </summary>
    private async Task<VaultToken?> KeepAsync(VaultSession session, VaultToken token, CancellationToken stoppingToken)
    {
        if (token.ExpiresAt is not { } expires)
        {
            // Nothing to renew until someone logs in again (a 403 after the token file was replaced): keep that token.
            return await WaitAsync(session, token, Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false) ? null : token;
        }

        // From the token's own issue time: a token another caller obtained a while ago has less than its TTL left.
        var schedule = new LifetimeSchedule(token.Ttl, Random.Shared);
        var remaining = expires - time.GetUtcNow();
        var errors = 0;
        while (true)
        {
            var (sleep, exhausted) = schedule.Next(remaining);
            if (exhausted || !token.Renewable)
            {
                var wait = token.Renewable ? TimeSpan.Zero : remaining - schedule.CurrentGrace;
                if (wait > TimeSpan.Zero && await WaitAsync(session, token, wait, stoppingToken).ConfigureAwait(false))
                {
                    return null;
                }

                LogRenewalOver(logger, token.Accessor, (token.ExpiresAt!.Value - time.GetUtcNow()).TotalSeconds);
                return token;
            }

            if (await WaitAsync(session, token, sleep, stoppingToken).ConfigureAwait(false))
            {
                return null;
            }

            try
            {
                token = await session.RenewAsync(token, stoppingToken).ConfigureAwait(false);
                remaining = token.Ttl;
                errors = 0;
            }
            catch (VaultApiException e) when (e.IsPermissionDenied)
            {
                LogRejected(logger, token.Accessor, e.Message);
                return token;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                remaining = token.ExpiresAt!.Value - time.GetUtcNow();
                var delay = Backoff.Delay(++errors, Random.Shared, TimeSpan.FromSeconds(10));
                LogRenewFailed(logger, token.Accessor, errors, Failure.Describe(e));
                if (remaining - delay <= schedule.CurrentGrace)
                {
                    return token;
                }

                if (await WaitAsync(session, token, delay, stoppingToken).ConfigureAwait(false))
                {
                    return null;
                }

                remaining = token.ExpiresAt!.Value - time.GetUtcNow();
            }
        }
    }

    /// <summary>
    /// Waits <paramref name="delay"/>, or less when another caller (a source told its token is invalid) logs in and
    /// replaces <paramref name="token"/>: the new token must be kept alive from then on, not after a backoff or at
    /// the old token's next renewal (by then a short-lived new token may be gone). True when it was replaced.
    /// </summary>
    private async Task<bool> WaitAsync(VaultSession session, VaultToken? token, TimeSpan delay, CancellationToken stoppingToken)
    {
        var loggedIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoggedIn(VaultToken _) => loggedIn.TrySetResult();
        session.LoggedIn += OnLoggedIn;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            if (!Replaced())
            {
                await Task.WhenAny(loggedIn.Task, Task.Delay(delay, time, wait.Token)).ConfigureAwait(false);
            }
        }
        finally
        {
            session.LoggedIn -= OnLoggedIn;
            await wait.CancelAsync().ConfigureAwait(false);
        }

        stoppingToken.ThrowIfCancellationRequested();
        return Replaced();

        bool Replaced() => session.Current is { } current && !ReferenceEquals(current, token);
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "Vault login failed ({Failures} in a row), retrying in {DelaySeconds:0.#}s: {Reason}")]
    private static partial void LogLoginFailed(ILogger logger, int failures, double delaySeconds, string reason);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "token accessor {Accessor} can no longer be extended ({RemainingSeconds:0}s left): logging in again")]
    private static partial void LogRenewalOver(ILogger logger, string accessor, double remainingSeconds);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Vault rejected token accessor {Accessor} on renewal, logging in again: {Reason}")]
    private static partial void LogRejected(ILogger logger, string accessor, string reason);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "renewing token accessor {Accessor} failed ({Errors} in a row): {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string accessor, int errors, string reason);
}
