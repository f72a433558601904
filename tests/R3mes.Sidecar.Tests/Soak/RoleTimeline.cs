using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Sidecar.Tests.Soak;

/// <summary>
/// When each dynamic role appeared in and left <c>pg_roles</c> (polled every 100 ms): the lease's issue and its
/// revocation as PostgreSQL sees them — the engine's CREATE ROLE and DROP ROLE, whatever code path caused them.
/// </summary>
internal sealed class RoleTimeline
{
    private readonly Dictionary<string, (TimeSpan Appeared, TimeSpan? Gone)> _roles = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Role, TimeSpan Appeared, TimeSpan? Gone)> Roles
    {
        get
        {
            lock (_roles)
            {
                return [.. _roles.Select(r => (r.Key, r.Value.Appeared, r.Value.Gone)).OrderBy(r => r.Appeared)];
            }
        }
    }

    public TimeSpan? GoneAt(string role)
    {
        lock (_roles)
        {
            return _roles.TryGetValue(role, out var r) ? r.Gone : null;
        }
    }

    public async Task WatchAsync(PostgresServer postgres, long started, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = TimeProvider.System.GetElapsedTime(started);
            var present = await postgres.RolesAsync("v-");
            lock (_roles)
            {
                foreach (var role in present.Where(r => !_roles.ContainsKey(r)))
                {
                    _roles[role] = (now, null);
                }

                foreach (var role in _roles.Where(r => r.Value.Gone is null && !present.Contains(r.Key)).Select(r => r.Key).ToArray())
                {
                    _roles[role] = (_roles[role].Appeared, now);
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
