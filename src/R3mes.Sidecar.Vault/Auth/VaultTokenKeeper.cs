using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// Keeps the session's token alive as one lifetime on the <see cref="LifetimeEngine"/>: renews on Vault's schedule
/// (<see cref="LifetimeSchedule"/>), logs in again when renewals stop extending the token (max TTL) or the token is
/// rejected, and retries failed logins and renewals with backoff until the token would have expired. A login by
/// another caller (a source told its token is invalid) wakes it, and the new token is kept from its own issue time.
/// Each run does what is due and says when the next step is due; a wake with nothing due changes nothing.
/// </summary>
internal sealed partial class VaultTokenKeeper(VaultRuntime vault, LifetimeEngine engine, Random random, TimeProvider time, ILogger<VaultTokenKeeper> logger)
    : ILifetime, IHostedService
{
    private static readonly TimeSpan FirstRenewRetry = TimeSpan.FromSeconds(10);
    private LifetimeEntry? _entry;
    private VaultSession? _session;
    private VaultToken? _kept;
    private VaultToken? _stale;
    private LifetimeSchedule? _schedule;
    private KeeperStep _step = KeeperStep.Acquire;
    private DateTimeOffset _dueAt = DateTimeOffset.MinValue;
    private int _loginFailures;
    private int _renewErrors;

    public string Name => "the Vault token keeper";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (vault.Settings is not null)
        {
            _session = vault.Session;
            _session.LoggedIn += OnLoggedIn;
            _entry = engine.Schedule(this, TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            _session.LoggedIn -= OnLoggedIn;
        }

        if (_entry is not null)
        {
            await _entry.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var session = _session!;
        while (true)
        {
            var now = time.GetUtcNow();
            if (session.Current is { } current && !ReferenceEquals(current, _kept))
            {
                // Another caller logged in: take up the session's token now, not at the old token's next renewal.
                (_step, _stale, _dueAt) = (KeeperStep.Acquire, null, now);
            }

            if (_dueAt > now)
            {
                return _dueAt == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : _dueAt - now;
            }

            switch (_step)
            {
                case KeeperStep.Acquire:
                    await AcquireAsync(session, cancellationToken).ConfigureAwait(false);
                    break;
                case KeeperStep.Renew:
                    await RenewAsync(session, cancellationToken).ConfigureAwait(false);
                    break;
                case KeeperStep.Replan:
                    Plan(_kept!.ExpiresAt!.Value - now, now);
                    break;
                case KeeperStep.RenewalOver:
                    LogRenewalOver(logger, _kept!.Accessor, (_kept.ExpiresAt!.Value - now).TotalSeconds);
                    (_step, _stale, _dueAt) = (KeeperStep.Acquire, _kept, now);
                    break;
                default:
                    _dueAt = DateTimeOffset.MaxValue;
                    break;
            }
        }
    }

    private void OnLoggedIn(VaultToken token) => _entry?.Wake();

    private async Task AcquireAsync(VaultSession session, CancellationToken cancellationToken)
    {
        var held = session.Current;
        VaultToken token;
        try
        {
            token = _stale is null
                ? await session.TokenAsync(cancellationToken).ConfigureAwait(false)
                : await session.LoginAsync(_stale, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var delay = Backoff.Delay(++_loginFailures, random);
            LogLoginFailed(logger, _loginFailures, delay.TotalSeconds, Failure.Describe(e));
            (_kept, _dueAt) = (held, time.GetUtcNow() + delay);
            return;
        }

        (_loginFailures, _stale, _kept, _renewErrors) = (0, null, token, 0);
        if (token.ExpiresAt is not { } expires)
        {
            // Nothing to renew until someone logs in again (a 403 after the token file was replaced): keep that token.
            (_step, _dueAt) = (KeeperStep.Parked, DateTimeOffset.MaxValue);
            return;
        }

        // From the token's own issue time: a token another caller obtained a while ago has less than its TTL left.
        _schedule = new LifetimeSchedule(token.Ttl, random);
        var now = time.GetUtcNow();
        Plan(expires - now, now);
    }

    private async Task RenewAsync(VaultSession session, CancellationToken cancellationToken)
    {
        var token = _kept!;
        try
        {
            _kept = await session.RenewAsync(token, cancellationToken).ConfigureAwait(false);
            _renewErrors = 0;
            Plan(_kept.Ttl, time.GetUtcNow());
        }
        catch (VaultApiException e) when (e.IsPermissionDenied)
        {
            LogRejected(logger, token.Accessor, e.Message);
            (_step, _stale, _dueAt) = (KeeperStep.Acquire, token, time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var remaining = token.ExpiresAt!.Value - now;
            var delay = Backoff.Delay(++_renewErrors, random, FirstRenewRetry);
            LogRenewFailed(logger, token.Accessor, _renewErrors, Failure.Describe(e));
            (_step, _stale, _dueAt) = remaining - delay <= _schedule!.CurrentGrace
                ? (KeeperStep.Acquire, token, now)
                : (KeeperStep.Replan, null, now + delay);
        }
    }

    /// <summary>Given what is left of the kept token: when to renew it, or when renewing is over.</summary>
    private void Plan(TimeSpan remaining, DateTimeOffset now)
    {
        var (sleep, exhausted) = _schedule!.Next(remaining);
        if (exhausted || !_kept!.Renewable)
        {
            var wait = _kept!.Renewable ? TimeSpan.Zero : remaining - _schedule.CurrentGrace;
            (_step, _dueAt) = (KeeperStep.RenewalOver, wait > TimeSpan.Zero ? now + wait : now);
        }
        else
        {
            (_step, _dueAt) = (KeeperStep.Renew, now + sleep);
        }
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
