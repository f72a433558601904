using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// <c>sys/internal/ui/mounts/&lt;path&gt;</c> (internal-ui-mounts.mdx): the mount's path, type and options when the
/// token has any capability on the path (the preflight check) — for KV v2 on its data/ or metadata/ path — and 403
/// otherwise, also for a path on no mount.
/// </summary>
public sealed partial class VaultEmulator
{
    private static readonly string[] AnyCapability = ["read", "list", "update", "create", "delete"];

    private EmulatorReply MountInfo(string path, EmulatorToken token)
    {
        if (KvMountOf(path) is { } kv)
        {
            var version = _kv[kv].Version;
            var rest = path.Length <= kv.Length ? "" : path[(kv.Length + 1)..];
            var candidates = version == 2 ? new[] { $"{kv}/data/{rest}", $"{kv}/metadata/{rest}" } : [path];
            return MountEntry(path, candidates.Any(c => AnyCapability.Any(cap => Allowed(token, c, cap))), kv, "kv",
                version == 2 ? new JsonObject { ["version"] = "2" } : null);
        }

        if (DatabaseMountOf(path) is { } database)
        {
            return MountEntry(path, AnyCapability.Any(cap => Allowed(token, path, cap)), database.Path, "database", null);
        }

        return PkiMountOf(path) is { } pki
            ? MountEntry(path, AnyCapability.Any(cap => Allowed(token, path, cap)), pki.Path, "pki", null)
            : MountEntry(path, allowed: false, "", "", null);
    }

    private static EmulatorReply MountEntry(string path, bool allowed, string mount, string type, JsonObject? options)
    {
        if (!allowed)
        {
            return EmulatorReply.Error(403, $"preflight capability check returned 403, please ensure client's policies grant access to path \"{path}/\"");
        }

        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["accessor"] = $"{type}_{Math.Abs(mount.GetHashCode(StringComparison.Ordinal)):x8}",
            ["config"] = new JsonObject { ["default_lease_ttl"] = 0, ["force_no_cache"] = false, ["max_lease_ttl"] = 0 },
            ["description"] = type == "kv" ? "key/value secret storage" : "",
            ["external_entropy_access"] = false,
            ["local"] = false,
            ["options"] = options,
            ["path"] = mount + "/",
            ["seal_wrap"] = false,
            ["type"] = type,
            ["uuid"] = "4bb40403-d9ba-d2ee-087a-4c6d371db5f2",
        }, mountType: "system"));
    }
}
