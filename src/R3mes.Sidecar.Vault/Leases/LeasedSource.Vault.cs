using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Kv;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>The Vault calls of a leased secret: read a new lease, renew, revoke replaced leases, resume from state_dir.</summary>
internal sealed partial class LeasedSource
{
    private async Task<HeldLease> ReplaceAsync(CancellationToken cancellationToken)
    {
        var session = vault.Session;
        var token = await session.TokenAsync(cancellationToken).ConfigureAwait(false);
        if (_current is { } old && token.HardExpiry is { } end && end - time.GetUtcNow() < old.Timeline.Ttl)
        {
            // The token dies before a new lease would be worth having (leases die with their token): log in first.
            token = await session.LoginAsync(token, cancellationToken).ConfigureAwait(false);
        }

        var fresh = await vault.WithTokenAsync(Where, logger, t => ReadAsync(t, cancellationToken), cancellationToken).ConfigureAwait(false);

        var reason = _current is null ? "first" : _current.Lost ? "lost" : "rotation";
        LogIssued(logger, Where, fresh.Id, fresh.Timeline.Ttl.TotalSeconds, fresh.Timeline.Renewable, reason);
        if (_current is null)
        {
            vault.Metrics?.PrimeLease(secret);
        }

        Count(vault.Metrics?.LeaseReplacements, "reason", reason);
        _pending = fresh;
        return fresh;
    }

    private async Task<HeldLease> ReadAsync(VaultToken token, CancellationToken cancellationToken)
    {
        // Vault starts a lease when it handles the request, somewhere between sending and the answer: counted from the
        // sending, a slow answer (a loaded machine) cannot move the lease's end, and its renewal, past Vault's.
        var sent = time.GetUtcNow();
        var response = await vault.Client.SendAsync(HttpMethod.Get, path, token.Value, cancellationToken).ConfigureAwait(false);
        var envelope = response.Required($"GET {Where}");
        if (!envelope.HasData)
        {
            throw new SecretSourceException($"vault {Where}: the response has no data", transient: false);
        }

        var fields = KvFields.From(envelope.Data, Where);
        if (string.IsNullOrEmpty(envelope.LeaseId))
        {
            throw new SecretSourceException($"vault {Where}: the response carries no lease; read it as a KV secret or a static role", transient: false);
        }

        return NewLease(envelope.LeaseId, token.Accessor, fields, sent, TimeSpan.FromSeconds(Math.Max(1, envelope.LeaseDuration)), envelope.Renewable);
    }

    private async Task RenewAsync(HeldLease lease, CancellationToken cancellationToken)
    {
        try
        {
            // Inside the try: a token that cannot be had now (Vault down through a re-login) is a failed renewal,
            // retried with the lease's backoff, not a fault that would end the keeper.
            var token = await vault.Session.TokenAsync(cancellationToken).ConfigureAwait(false);

            // The grant counts from the sending, not the answer (as a new lease's TTL: ReadAsync).
            var sent = time.GetUtcNow();
            var (granted, renewable) = await LeaseApi.RenewAsync(vault.Client, token.Value, lease.Id, lease.Timeline.Ttl, cancellationToken).ConfigureAwait(false);
            var cut = lease.Timeline.Renewed(granted, renewable, sent);
            LogRenewed(logger, Where, lease.Id, granted.TotalSeconds, lease.Timeline.Capped);
            if (cut)
            {
                LearnLifetime(lease);
            }

            Count(vault.Metrics?.LeaseRenewals, "outcome", "renewed");
        }
        catch (VaultApiException e) when (LeaseApi.IsNotRenewable(e))
        {
            lease.Timeline.NotRenewable();
        }
        catch (VaultApiException e) when (LeaseApi.IsGone(e) || e.IsPermissionDenied)
        {
            // Gone (revoked, expired, or died with a token Vault no longer accepts): replace it now.
            lease.Lost = true;
            LogLost(logger, Where, lease.Id, e.Message);
            Count(vault.Metrics?.LeaseRenewals, "outcome", "gone");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lease.Timeline.RenewFailed(time.GetUtcNow());
            Count(vault.Metrics?.LeaseRenewals, "outcome", "failed");
            LogRenewFailed(logger, Where, lease.Id, (lease.Timeline.ExpiresAt - time.GetUtcNow()).TotalSeconds, R3mes.Sidecar.Pipeline.Failure.Describe(e));
        }
    }

    /// <summary>
    /// Remembers how long the max TTL let this lease live, so the next lease of the path is replaced at its rotation
    /// point of that lifetime (<see cref="LeaseTimeline.ExpectedEnd"/>). The newest cut wins (an operator may change
    /// the role's max TTL); a restart forgets it and learns it again from the first capped lease. Logged when first
    /// learned or moved by more than a second (each cut differs by the requests' timing).
    /// </summary>
    private void LearnLifetime(HeldLease lease)
    {
        if (lease.Timeline.CappedLifetime(TokenDeadline(lease)) is not { } lifetime)
        {
            return;
        }

        if (_learnedLifetime is not { } known || (known - lifetime).Duration() > TimeSpan.FromSeconds(1))
        {
            LogLifetimeLearned(logger, Where, lifetime.TotalSeconds);
        }

        _learnedLifetime = lifetime;
    }

    /// <summary>
    /// The retirer's run: revokes replaced leases whose grace is over. It is its own lifetime, apart from the keeper,
    /// because Vault answers a revocation only after the secrets engine ran its revocation statements (a busy database
    /// makes that seconds): a renewal of the current lease waiting behind it let the lease expire. The Vault calls run
    /// outside the gate; the list changes under it. Returns when next.
    /// </summary>
    internal async ValueTask<TimeSpan> RetireAsync(CancellationToken cancellationToken)
    {
        RetiringLease[] due;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            due = [.. _retiring.Where(r => r.RevokeAt <= time.GetUtcNow())];
        }
        finally
        {
            _gate.Release();
        }

        foreach (var retiring in due)
        {
            var done = false;
            try
            {
                var token = await vault.Session.TokenAsync(cancellationToken).ConfigureAwait(false);
                await LeaseApi.RevokeAsync(vault.Client, token.Value, retiring.Id, cancellationToken).ConfigureAwait(false);
                (done, _revokeFailures) = (true, 0);
                LogRevoked(logger, Where, retiring.Id, "replaced");
                Count(vault.Metrics?.LeaseRevocations, "reason", "replaced");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Retried after a backoff; the lease also ends on its own at its expiry.
                _revokeFailures++;
                LogRevokeFailed(logger, Where, retiring.Id, R3mes.Sidecar.Pipeline.Failure.Describe(e));
                done = e is VaultApiException { IsInvalidToken: true };
            }

            if (done)
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    _retiring.Remove(retiring);
                    Persist();
                }
                finally
                {
                    _gate.Release();
                }
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = _retiring.Count == 0 ? DateTimeOffset.MaxValue
                : _revokeFailures > 0 ? time.GetUtcNow() + Lifetimes.Backoff.Delay(_revokeFailures, random)
                : _retiring.Min(r => r.RevokeAt);
            return Until(next);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The lease kept by an earlier run, if its token is the session's and Vault still renews it.</summary>
    private async Task<HeldLease?> ResumeAsync(CancellationToken cancellationToken)
    {
        if (store?.Load() is not { } saved || saved.Path != Where || saved.LeaseId.Length == 0)
        {
            return null;
        }

        _retiring.AddRange(saved.Retiring.Select(r => new RetiringLease(r.LeaseId, r.RevokeAt)));
        var token = await vault.Session.TokenAsync(cancellationToken).ConfigureAwait(false);
        var fields = saved.Data.ToDictionary(d => d.Key, d => R3mes.Sidecar.Secrets.SecretValue.FromUtf8(d.Value), StringComparer.Ordinal);
        var held = NewLease(saved.LeaseId, saved.ParentAccessor, fields, saved.IssuedAt, TimeSpan.FromSeconds(Math.Max(1, saved.TtlSeconds)), saved.Renewable, saved.ExpiresAt);
        if (token.Accessor != saved.ParentAccessor || saved.ExpiresAt <= time.GetUtcNow())
        {
            // Its token is not ours any more: it may die at any time. Replace it; revoke it after the grace.
            held.Lost = true;
            LogNotResumed(logger, Where, saved.LeaseId, "it belongs to another token or has expired");
            return held;
        }

        if (!saved.Renewable)
        {
            LogResumed(logger, Where, saved.LeaseId, (saved.ExpiresAt - time.GetUtcNow()).TotalSeconds);
            return held;
        }

        // Renew at once: proves Vault still holds the lease and learns its remaining TTL. A transient failure keeps it
        // (renewals are retried); only a lease Vault says is gone is replaced.
        await RenewAsync(held, cancellationToken).ConfigureAwait(false);
        if (held.Lost)
        {
            held.Lost = true;
            LogNotResumed(logger, Where, saved.LeaseId, "Vault did not renew it");
            return held;
        }

        LogResumed(logger, Where, saved.LeaseId, (held.Timeline.ExpiresAt - time.GetUtcNow()).TotalSeconds);
        return held;
    }
}
