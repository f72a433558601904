using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// A credentials engine without a backing service, shaped like Vault's RabbitMQ engine (api-docs/secret/rabbitmq):
/// <c>GET &lt;mount&gt;/creds/&lt;role&gt;</c> answers a fresh <c>username</c>/<c>password</c> under a new renewable lease
/// (child of the caller's token), renewed and revoked through <c>sys/leases/*</c> like any other. For load tests
/// that need thousands of leases without a database.
/// </summary>
public sealed partial class VaultEmulator
{
    private readonly Dictionary<string, (TimeSpan Ttl, TimeSpan MaxTtl)> _leasedEngines = new(StringComparer.Ordinal);

    /// <summary>Enables the engine at <paramref name="mount"/> (mount type <c>rabbitmq</c>): every role issues leases of <paramref name="ttl"/>.</summary>
    public void EnableLeasedEngine(string mount, TimeSpan ttl, TimeSpan maxTtl)
    {
        lock (_gate)
        {
            _leasedEngines[mount.Trim('/')] = (ttl, maxTtl);
        }
    }

    /// <summary>Answers the engine's routes and its mount lookup; null for any other path.</summary>
    private EmulatorReply? LeasedEngineCall(EmulatorCall call)
    {
        lock (_gate)
        {
            if (_leasedEngines.Count == 0)
            {
                return null;
            }

            const string Lookup = "sys/internal/ui/mounts/";
            if (call.Path.StartsWith(Lookup, StringComparison.Ordinal) && LeasedMountOf(call.Path[Lookup.Length..]) is { } looked)
            {
                return MountEntry(call.Path[Lookup.Length..], allowed: true, looked, "rabbitmq", null);
            }

            if (LeasedMountOf(call.Path) is not { } mount || call.Path[(mount.Length + 1)..] is not { } rest || !rest.StartsWith("creds/", StringComparison.Ordinal))
            {
                return null;
            }

            var (denied, token) = Authorize(call);
            if (denied is not null)
            {
                return denied;
            }

            if (call.Method != "GET")
            {
                return EmulatorReply.Error(405);
            }

            var (ttl, maxTtl) = _leasedEngines[mount];
            var lease = new EmulatorLease
            {
                Id = $"{call.Path}/{NewId(24)}",
                ParentToken = token!.Id,
                Issued = Now,
                MaxTtl = maxTtl,
                Renewable = true,
                ExpiresAt = Now + ttl,
            };
            _leases[lease.Id] = lease;
            LeaseEndsAt(lease);
            return EmulatorReply.Ok(Envelope.Create(new JsonObject
            {
                ["username"] = $"{rest["creds/".Length..]}-{NewId(8)}",
                ["password"] = NewId(20),
            }, leaseId: lease.Id, renewable: true, leaseDuration: (long)ttl.TotalSeconds));
        }
    }

    private string? LeasedMountOf(string path) =>
        _leasedEngines.Keys.FirstOrDefault(m => path.StartsWith(m + "/", StringComparison.Ordinal));
}
