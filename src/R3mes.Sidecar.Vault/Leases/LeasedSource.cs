using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// A Vault read that returns a lease (<c>database/creds/…</c>, <c>rabbitmq/creds/…</c>): keeps the lease renewed on
/// Vault's schedule, replaces it before its final deadline (its max TTL or its parent token's end), and revokes a
/// replaced lease only <c>revoke_grace</c> after the replacement's files are written. Each call to
/// <see cref="FetchAsync"/> does what is due and returns the current values, so renewals leave the files alone;
/// <see cref="Freshness.RefreshAfter"/> says when the next thing is due.
/// </summary>
internal sealed partial class LeasedSource(
    VaultRuntime vault,
    IReadOnlyList<string> path,
    string secret,
    LeasePolicy policy,
    LeaseStore? store,
    Random random,
    TimeProvider time,
    ILogger logger) : ISecretSource, IAcknowledgedSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RetiringLease> _retiring = [];
    private HeldLease? _current;
    private HeldLease? _pending;
    private bool _resumeTried;

    public string Description => $"vault {Where} (lease)";

    private string Where => string.Join('/', path);

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RevokeRetiredAsync(cancellationToken).ConfigureAwait(false);
            if (_pending is not null)
            {
                return Data(_pending);
            }

            if (!_resumeTried)
            {
                _resumeTried = true;
                _current = await ResumeAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_current is { } held && !held.Lost && DueRenewal(held) <= time.GetUtcNow())
            {
                await RenewAsync(held, cancellationToken).ConfigureAwait(false);
            }

            if (_current is null || _current.Lost || RotateAt(_current) <= time.GetUtcNow())
            {
                return Data(await ReplaceAsync(cancellationToken).ConfigureAwait(false));
            }

            return Data(_current);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Written(SecretData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _gate.Wait();
        try
        {
            if (_pending is null || data.Freshness.Lease?.Id != _pending.Id)
            {
                return;
            }

            if (_current is { } replaced)
            {
                _retiring.Add(new RetiringLease(replaced.Id, time.GetUtcNow() + policy.RevokeGrace));
                LogRetiring(logger, Where, replaced.Id, policy.RevokeGrace.TotalSeconds);
            }

            _current = _pending;
            _pending = null;
            Persist();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Revokes every lease this source holds (SIGTERM with <c>revoke_on_shutdown</c>) and forgets them.</summary>
    public async Task RevokeAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ids = new[] { _current?.Id, _pending?.Id }.OfType<string>().Concat(_retiring.Select(r => r.Id)).ToArray();
            var token = await vault.Session.TokenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var id in ids)
            {
                await LeaseApi.RevokeAsync(vault.Client, token.Value, id, cancellationToken).ConfigureAwait(false);
                LogRevoked(logger, Where, id, "shutdown");
                Count(vault.Metrics?.LeaseRevocations, "reason", "shutdown");
            }

            _current = _pending = null;
            _retiring.Clear();
            store?.Delete();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Count(System.Diagnostics.Metrics.Counter<long>? counter, string key, string value) =>
        counter?.Add(1, Diagnostics.SidecarMetrics.Tag("secret", secret), Diagnostics.SidecarMetrics.Tag(key, value));

    private DateTimeOffset? TokenDeadline(HeldLease lease) => vault.Session.TokenDeadline(lease.ParentAccessor);

    private DateTimeOffset DueRenewal(HeldLease lease) => lease.Timeline.NextRenewal ?? DateTimeOffset.MaxValue;

    private DateTimeOffset RotateAt(HeldLease lease)
    {
        var deadline = TokenDeadline(lease);
        if (lease.Timeline.Deadline(deadline) <= time.GetUtcNow())
        {
            lease.Lost = true;
            return DateTimeOffset.MinValue;
        }

        return lease.Timeline.RotateAt(deadline) ?? DateTimeOffset.MaxValue;
    }

    private SecretData Data(HeldLease lease)
    {
        var now = time.GetUtcNow();
        var next = new[] { DueRenewal(lease), lease == _pending ? now + TimeSpan.FromSeconds(1) : RotateAt(lease) }
            .Concat(_retiring.Select(r => r.RevokeAt)).Min();
        var timeline = lease.Timeline;
        return new SecretData(null, lease.Fields, new Freshness
        {
            Version = lease.Id,
            Lease = new Lease(lease.Id, timeline.ExpiresAt - timeline.IssuedAt, timeline.Renewable, timeline.IssuedAt),
            ExpiresAt = timeline.Deadline(TokenDeadline(lease)),
            RefreshAfter = next == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan
                : next - now < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : next - now,
        });
    }

    private void Persist()
    {
        if (store is null || _current is not { } lease)
        {
            return;
        }

        try
        {
            store.Save(new PersistedLease
            {
                Path = Where,
                LeaseId = lease.Id,
                ParentAccessor = lease.ParentAccessor,
                IssuedAt = lease.Timeline.IssuedAt,
                ExpiresAt = lease.Timeline.ExpiresAt,
                TtlSeconds = (long)lease.Timeline.Ttl.TotalSeconds,
                Renewable = lease.Timeline.Renewable,
                Data = lease.Fields.ToDictionary(f => f.Key, f => f.Value.RevealUtf8(), StringComparer.Ordinal),
                Retiring = [.. _retiring.Select(r => new PersistedRetiring { LeaseId = r.Id, RevokeAt = r.RevokeAt })],
            });
        }
        catch (Exception e) when (e is R3mes.Sidecar.Output.OutputException or IOException or UnauthorizedAccessException)
        {
            LogStateFailed(logger, Where, e.Message);
        }
    }

    private HeldLease NewLease(string id, string parent, IReadOnlyDictionary<string, SecretValue> fields, DateTimeOffset issued, TimeSpan ttl, bool renewable, DateTimeOffset? expiresAt = null) =>
        new(id, parent, fields, new LeaseTimeline(issued, ttl, renewable, policy.DrawRotateFraction(renewable, random), random, expiresAt));
}
