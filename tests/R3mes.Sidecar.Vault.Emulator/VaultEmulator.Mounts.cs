using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// <c>sys/internal/ui/mounts/&lt;path&gt;</c> for the non-KV engines (database, PKI): Vault answers with the mount's
/// type when the token has any capability on the path (the preflight check), 403 otherwise.
/// </summary>
public sealed partial class VaultEmulator
{
    private (string Mount, string Type)? EngineMountOf(string path)
    {
        if (DatabaseMountOf(path) is { } database)
        {
            return (database.Path, "database");
        }

        return PkiMountOf(path) is { } pki ? (pki.Path, "pki") : null;
    }

    private EmulatorReply EngineMountInfo(string path, EmulatorToken token, string mount, string type)
    {
        if (!new[] { "read", "list", "update", "create", "delete" }.Any(cap => Allowed(token, path, cap)))
        {
            return EmulatorReply.Error(403, $"preflight capability check returned 403, please ensure client's policies grant access to path \"{path}/\"");
        }

        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["accessor"] = $"{type}_{Math.Abs(mount.GetHashCode(StringComparison.Ordinal)):x8}",
            ["config"] = new JsonObject { ["default_lease_ttl"] = 0, ["force_no_cache"] = false, ["max_lease_ttl"] = 0 },
            ["description"] = "",
            ["external_entropy_access"] = false,
            ["local"] = false,
            ["options"] = null,
            ["path"] = mount + "/",
            ["seal_wrap"] = false,
            ["type"] = type,
            ["uuid"] = "5f0a6a8e-2f7c-4f6e-9d0b-3c2a1b0e9f11",
        }, mountType: "system"));
    }
}
