using System.Globalization;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// The lease table and <c>sys/leases/renew|revoke|lookup</c> (api-docs/system/leases.mdx): renewals capped at the
/// lease's max TTL, revoking an unknown lease succeeds (204), looking one up is 400 <c>invalid lease</c>; leases die
/// with their parent token and when they expire.
/// </summary>
public sealed partial class VaultEmulator
{
    private readonly Dictionary<string, EmulatorLease> _leases = new(StringComparer.Ordinal);
    private readonly List<(EmulatorLease Lease, bool Revoked)> _pendingCallbacks = [];
    private readonly List<Task> _runningCallbacks = [];
    private readonly List<string> _expired = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _engineErrors = new();

    /// <summary>
    /// No lease ends before this moment unless a token changes (<see cref="LeaseEndsMoved"/>): the earliest end found
    /// by the last sweep, lowered by every lease issued or renewed since. A sweep before it has nothing to do, so a
    /// renewal costs O(1) and not a scan of the whole table (with 10,000 leases that scan, a clock read per lease,
    /// was three quarters of the emulator's CPU and capped the renewals a benchmark could get through).
    /// </summary>
    private DateTimeOffset _noLeaseEndsBefore = DateTimeOffset.MinValue;

    /// <summary>Exceptions thrown by engine lease callbacks (renew/revoke SQL and the like), for tests to assert on.</summary>
    public IReadOnlyList<Exception> EngineErrors => [.. _engineErrors];

    /// <summary>Leases that ended on their own (expiry, max TTL, their token's end) rather than by a revoke, in order.</summary>
    public IReadOnlyList<string> ExpiredLeases
    {
        get
        {
            SweepLeasesAsync().GetAwaiter().GetResult();
            lock (_gate)
            {
                return [.. _expired];
            }
        }
    }

    public int LiveLeases
    {
        get
        {
            SweepLeasesAsync().GetAwaiter().GetResult();
            lock (_gate)
            {
                return _leases.Count;
            }
        }
    }

    /// <summary>Registers a lease at <paramref name="path"/> as a child of <paramref name="parentToken"/>; returns its id.</summary>
    public EmulatorLease RegisterLease(string path, string parentToken, TimeSpan ttl, TimeSpan maxTtl, bool renewable = true,
        Action<EmulatorLease>? onRenewed = null, Action<EmulatorLease>? onRevoked = null) =>
        RegisterEngineLease(path, parentToken, ttl, maxTtl, renewable,
            onRenewed is null ? null : l => Run(onRenewed, l),
            onRevoked is null ? null : l => Run(onRevoked, l));

    /// <summary>Expires leases past their TTL or whose parent token is gone and waits for every engine callback to finish.</summary>
    public async Task SweepLeasesAsync()
    {
        lock (_gate)
        {
            ExpireLeases();
        }

        await RunLeaseCallbacksAsync().ConfigureAwait(false);
    }

    /// <summary>Like <see cref="RegisterLease"/>, with callbacks that do I/O (SQL) outside the lock.</summary>
    internal EmulatorLease RegisterEngineLease(string path, string parentToken, TimeSpan ttl, TimeSpan maxTtl, bool renewable,
        Func<EmulatorLease, Task>? onRenewed, Func<EmulatorLease, Task>? onRevoked)
    {
        var lease = new EmulatorLease
        {
            Id = $"{path.Trim('/')}/{NewId(24)}",
            ParentToken = parentToken,
            Issued = Now,
            MaxTtl = maxTtl,
            Renewable = renewable,
            ExpiresAt = Now + (ttl < maxTtl || maxTtl <= TimeSpan.Zero ? ttl : maxTtl),
            OnRenewed = onRenewed,
            OnRevoked = onRevoked,
        };
        lock (_gate)
        {
            _leases[lease.Id] = lease;
            LeaseEndsAt(lease);
        }

        return lease;
    }

    private EmulatorReply LeaseCall(EmulatorCall call)
    {
        var id = call.Str("lease_id") ?? call.Str("url_lease_id") ?? "";
        ExpireLeases();
        _leases.TryGetValue(id, out var lease);
        return call.Path switch
        {
            "sys/leases/renew" when lease is null => EmulatorReply.Error(400, "lease not found"),
            "sys/leases/renew" when !lease.Renewable => EmulatorReply.Error(400, "lease is not renewable"),
            "sys/leases/renew" => Renew(call, lease),
            "sys/leases/revoke" => RevokeLease(lease),
            "sys/leases/lookup" when lease is null => EmulatorReply.Error(400, "invalid lease"),
            "sys/leases/lookup" => EmulatorReply.Ok(Envelope.Create(new JsonObject
            {
                ["expire_time"] = Time(lease.ExpiresAt),
                ["id"] = lease.Id,
                ["issue_time"] = Time(lease.Issued),
                ["last_renewal"] = lease.LastRenewal is { } renewed ? Time(renewed) : null,
                ["renewable"] = lease.Renewable,
                ["ttl"] = (long)(lease.ExpiresAt - Now).TotalSeconds,
            })),
            _ => EmulatorReply.Error(405),
        };
    }

    private EmulatorReply Renew(EmulatorCall call, EmulatorLease lease)
    {
        var increment = long.TryParse(call.Str("increment")?.Trim('"').TrimEnd('s'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s) : lease.ExpiresAt - lease.Issued;
        JsonArray? warnings = null;
        var ttl = increment;
        if (lease.MaxTtl > TimeSpan.Zero && Now + ttl > lease.MaxExpiry)
        {
            ttl = lease.MaxExpiry - Now;
            warnings = [$"TTL of \"{(long)increment.TotalSeconds}s\" exceeded the effective max_ttl of \"{(long)ttl.TotalSeconds}s\"; TTL value is capped accordingly"];
        }

        lease.ExpiresAt = Now + ttl;
        lease.LastRenewal = Now;
        LeaseEndsAt(lease);
        _pendingCallbacks.Add((lease, false));
        return EmulatorReply.Ok(Envelope.Create(leaseId: lease.Id, renewable: true, leaseDuration: (long)ttl.TotalSeconds, warnings: warnings));
    }

    private EmulatorReply RevokeLease(EmulatorLease? lease)
    {
        if (lease is not null)
        {
            _leases.Remove(lease.Id);
            _pendingCallbacks.Add((lease, true));
        }

        return EmulatorReply.NoContent;
    }

    /// <summary>Drops leases past their expiry or whose parent token is gone (Vault revokes child leases with the token).</summary>
    private void ExpireLeases()
    {
        var now = Now;
        if (now < _noLeaseEndsBefore)
        {
            return;
        }

        var next = DateTimeOffset.MaxValue;
        List<EmulatorLease>? ended = null;
        foreach (var lease in _leases.Values)
        {
            var end = EndOf(lease);
            if (end <= now)
            {
                (ended ??= []).Add(lease);
            }
            else if (end < next)
            {
                next = end;
            }
        }

        foreach (var lease in ended ?? [])
        {
            _leases.Remove(lease.Id);
            _expired.Add(lease.Id);
            _pendingCallbacks.Add((lease, true));
        }

        _noLeaseEndsBefore = next;
    }

    /// <summary>When <paramref name="lease"/> ends: its expiry, or its parent token's end if that comes first (gone: now).</summary>
    private DateTimeOffset EndOf(EmulatorLease lease) =>
        !_tokens.TryGetValue(lease.ParentToken, out var token) ? DateTimeOffset.MinValue
        : token.ExpiresAt is { } tokenEnd && tokenEnd < lease.ExpiresAt ? tokenEnd
        : lease.ExpiresAt;

    /// <summary>A lease was issued or renewed: the next sweep must not come later than its end.</summary>
    private void LeaseEndsAt(EmulatorLease lease)
    {
        var end = EndOf(lease);
        if (end < _noLeaseEndsBefore)
        {
            _noLeaseEndsBefore = end;
        }
    }

    /// <summary>A token was added, removed or its expiry moved: any lease may end sooner, so the next sweep scans.</summary>
    private void LeaseEndsMoved() => _noLeaseEndsBefore = DateTimeOffset.MinValue;

    /// <summary>
    /// Starts the queued renew/revoke callbacks outside the lock and waits for them and for any still running from
    /// other requests, so a response never overtakes the SQL it implies.
    /// </summary>
    private async Task RunLeaseCallbacksAsync()
    {
        (EmulatorLease Lease, bool Revoked)[] pending;
        lock (_gate)
        {
            pending = [.. _pendingCallbacks];
            _pendingCallbacks.Clear();
        }

        var started = pending.Select(p => Task.Run(() => InvokeAsync(p.Lease, p.Revoked))).ToArray();
        Task[] running;
        lock (_gate)
        {
            _runningCallbacks.RemoveAll(t => t.IsCompleted);
            _runningCallbacks.AddRange(started);
            running = [.. _runningCallbacks];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task InvokeAsync(EmulatorLease lease, bool revoked)
    {
        try
        {
            if ((revoked ? lease.OnRevoked : lease.OnRenewed) is { } callback)
            {
                await callback(lease).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _engineErrors.Enqueue(e);
        }
    }

    private static Task Run(Action<EmulatorLease> callback, EmulatorLease lease)
    {
        callback(lease);
        return Task.CompletedTask;
    }
}
