using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// A Vault read that returns a lease (<c>database/creds/…</c>, <c>rabbitmq/creds/…</c>). <see cref="FetchAsync"/>
/// only fetches: the current values, or a replacement read when the lease is lost or past its rotation point (before
/// its final deadline: its max TTL or its parent token's end); <see cref="Freshness.RefreshAfter"/> is that rotation
/// point. Keeping the lease alive is a <see cref="LeaseKeeper"/> on the lifetime engine: it renews on Vault's
/// schedule and calls <see cref="Changed"/> (the secret's refresh) when a replacement becomes due earlier than the
/// last fetch said; a <see cref="LeaseRetirer"/> beside it revokes a replaced lease <c>revoke_grace</c> after the
/// replacement's files are written.
/// </summary>
internal sealed partial class LeasedSource(
    VaultRuntime vault,
    IReadOnlyList<string> path,
    string secret,
    LeasePolicy policy,
    LeaseStore? store,
    Random random,
    TimeProvider time,
    ILogger logger,
    Lifetimes.LifetimeEngine engine) : ISecretSource, IAcknowledgedSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RetiringLease> _retiring = [];
    private HeldLease? _current;
    private HeldLease? _pending;
    private bool _resumeTried;
    private Lifetimes.LifetimeEntry? _keeper;
    private Lifetimes.LifetimeEntry? _retirer;
    private DateTimeOffset _promisedRotation = DateTimeOffset.MaxValue;
    private int _revokeFailures;
    private TimeSpan? _learnedLifetime;

    /// <summary>Asks the secret's refresh to run now (set by the source that watches this one).</summary>
    public Action? Changed { get; set; }

    public string Description => $"vault {Where} (lease)";

    private string Where => string.Join('/', path);

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pending is not null)
            {
                return Data(_pending);
            }

            if (!_resumeTried)
            {
                _resumeTried = true;
                _current = await ResumeAsync(cancellationToken).ConfigureAwait(false);
                Keep();
                if (_retiring.Count > 0)
                {
                    Retire();
                }
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

    public async ValueTask WrittenAsync(SecretData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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

        Keep();
        Retire();
    }

    /// <summary>
    /// The keeper's run: renews the lease when due, and asks for a
    /// refresh when a replacement is due before the rotation point the last fetch promised. Returns when next.
    /// </summary>
    internal async ValueTask<TimeSpan> KeepAsync(CancellationToken cancellationToken)
    {
        var refresh = false;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } held && !held.Lost && DueRenewal(held) <= time.GetUtcNow())
            {
                await RenewAsync(held, cancellationToken).ConfigureAwait(false);
            }

            refresh = _current is { } lease && _pending is null && ReplacementDueEarlier(lease);
            return Until(NextKeep());
        }
        finally
        {
            _gate.Release();
            if (refresh)
            {
                Changed?.Invoke();
            }
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
            if (_keeper is { } keeper)
            {
                vault.Session.DeadlineChanged -= keeper.Wake;
                await keeper.StopAsync().ConfigureAwait(false);
            }

            if (_retirer is { } retirer)
            {
                await retirer.StopAsync().ConfigureAwait(false);
            }
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

    /// <summary>
    /// Whether a replacement is due before the rotation point the last fetch promised (the lease is lost, or a capped
    /// renewal or the token's end moved the rotation earlier). Asked once per move: the promise becomes the new point,
    /// so a later keeper run does not wake the refresh again for the same move before it fetched.
    /// </summary>
    private bool ReplacementDueEarlier(HeldLease lease)
    {
        var rotation = RotateAt(lease);
        var due = lease.Lost ? DateTimeOffset.MinValue : rotation;
        if (due >= _promisedRotation)
        {
            return false;
        }

        _promisedRotation = due;
        return true;
    }

    /// <summary>
    /// Schedules the keeper (once), or wakes it to plan again from the current lease and retiring ones. The keeper is
    /// the one path from a moved token deadline to the secret's refresh: <see cref="Auth.VaultSession.DeadlineChanged"/>
    /// wakes it, and it asks for a refresh only when the move brings the replacement earlier than promised.
    /// </summary>
    private void Keep()
    {
        if (_keeper is null)
        {
            _keeper = engine.Schedule(new LeaseKeeper(this), TimeSpan.Zero);
            vault.Session.DeadlineChanged += _keeper.Wake;
        }
        else
        {
            _keeper.Wake();
        }
    }

    private DateTimeOffset NextKeep() => _current is { Lost: false } held ? DueRenewal(held) : DateTimeOffset.MaxValue;

    /// <summary>Schedules the retirer (once), or wakes it to plan again from the retiring leases.</summary>
    private void Retire()
    {
        if (_retirer is null)
        {
            _retirer = engine.Schedule(new LeaseRetirer(this), TimeSpan.Zero);
        }
        else
        {
            _retirer.Wake();
        }
    }

    private TimeSpan Until(DateTimeOffset next)
    {
        var now = time.GetUtcNow();
        return next == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : next <= now ? TimeSpan.Zero : next - now;
    }

    private SecretData Data(HeldLease lease)
    {
        var now = time.GetUtcNow();
        var rotation = lease == _pending ? now + TimeSpan.FromSeconds(1) : RotateAt(lease);
        _promisedRotation = lease == _pending ? DateTimeOffset.MaxValue : rotation;
        var next = rotation;
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
        new(id, parent, fields, new LeaseTimeline(issued, ttl, renewable, policy.DrawRotateFraction(renewable, random), random, expiresAt, policy.RevokeGrace, _learnedLifetime));
}
