using System.Globalization;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Vault.Emulator.Database;
using R3mes.Sidecar.Vault.Emulator.Pki;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// Operator endpoints (api-docs/system): <c>sys/mounts</c> (list; enable kv v1/v2, database, pki — a new mount works
/// with the emulator's engines at once), <c>sys/auth</c> (list; enable approle, kubernetes, jwt), and
/// <c>sys/policies/acl</c> (list, read, write — HCL that the emulator then enforces). Enabling a path in use is 400.
/// </summary>
public sealed partial class VaultEmulator
{
    private readonly Dictionary<string, string> _authMounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _policyTexts = new(StringComparer.Ordinal);

    /// <summary>Every request that changed state (POST, PUT, DELETE), in order: a second idempotent run must add none.</summary>
    public IReadOnlyList<EmulatorRequest> Writes => [.. _requests.Where(r => r.Method is "POST" or "PUT" or "DELETE")];

    private EmulatorReply? SystemCall(EmulatorCall call, EmulatorToken token)
    {
        var s = call.Segments;
        if (s[0] != "sys" || s.Length < 2 || s[1] is not ("mounts" or "auth" or "policies"))
        {
            return null;
        }

        if (!Allowed(token, call.Path, Capability(call.Method)))
        {
            return EmulatorReply.Denied;
        }

        return (call.Method, s[1], s.Length) switch
        {
            ("GET", "mounts", 2) => EmulatorReply.Ok(Envelope.Create(MountTable(), mountType: "system")),
            ("POST", "mounts", > 2) => EnableMount(call, string.Join('/', s[2..])),
            ("GET", "auth", 2) => EmulatorReply.Ok(Envelope.Create(AuthTable(), mountType: "system")),
            ("POST", "auth", > 2) => EnableAuth(call, string.Join('/', s[2..])),
            ("LIST", "policies", 3) when s[2] == "acl" => EmulatorReply.Ok(Envelope.Create(new JsonObject
            {
                ["keys"] = new JsonArray([.. _policies.Keys.Append("default").Append("root").Distinct().Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]),
            }, mountType: "system")),
            ("GET", "policies", 4) when s[2] == "acl" => ReadPolicy(s[3]),
            ("POST", "policies", 4) when s[2] == "acl" => WritePolicy(call, s[3]),
            _ => EmulatorReply.Error(405),
        };
    }

    private bool PathInUse(string path) =>
        _kv.ContainsKey(path) || _databaseMounts.ContainsKey(path) || _pkiMounts.ContainsKey(path) || path is "sys" or "cubbyhole" or "identity" or "auth";

    private EmulatorReply EnableMount(EmulatorCall call, string path)
    {
        path = path.Trim('/');
        if (PathInUse(path))
        {
            return EmulatorReply.Error(400, $"path is already in use at {path}/");
        }

        var type = call.Str("type");
        var version = (call.Body?["options"] as JsonObject)?["version"]?.ToString();
        switch (type)
        {
            case "kv" or "kv-v2":
                _kv[path] = (type == "kv-v2" || version == "2" ? 2 : 1, new Dictionary<string, KvSecret>(StringComparer.Ordinal));
                break;
            case "database":
                _databaseMounts[path] = new DatabaseMount(path);
                break;
            case "pki":
                _pkiMounts[path] = new PkiMount(path) { MaxLeaseTtl = EmulatorDuration.Parse((call.Body?["config"] as JsonObject)?["max_lease_ttl"]) };
                break;
            default:
                return EmulatorReply.Error(400, $"plugin not found in the catalog: {type}");
        }

        return EmulatorReply.NoContent;
    }

    private EmulatorReply EnableAuth(EmulatorCall call, string path)
    {
        path = path.Trim('/');
        if (_authMounts.ContainsKey(path) || path == "token")
        {
            return EmulatorReply.Error(400, $"path is already in use at auth/{path}/");
        }

        var type = call.Str("type");
        if (type is not ("approle" or "kubernetes" or "jwt" or "cert" or "aws" or "userpass"))
        {
            return EmulatorReply.Error(400, $"plugin not found in the catalog: {type}");
        }

        _authMounts[path] = type;
        return EmulatorReply.NoContent;
    }

    private JsonObject MountTable()
    {
        var table = new JsonObject
        {
            ["cubbyhole/"] = MountEntry("cubbyhole", null, TimeSpan.Zero),
            ["identity/"] = MountEntry("identity", null, TimeSpan.Zero),
            ["sys/"] = MountEntry("system", null, TimeSpan.Zero),
        };
        foreach (var (path, (version, _)) in _kv)
        {
            table[path + "/"] = MountEntry("kv", new JsonObject { ["version"] = version.ToString(CultureInfo.InvariantCulture) }, TimeSpan.Zero);
        }

        foreach (var path in _databaseMounts.Keys)
        {
            table[path + "/"] = MountEntry("database", null, TimeSpan.Zero);
        }

        foreach (var (path, pki) in _pkiMounts)
        {
            table[path + "/"] = MountEntry("pki", null, pki.MaxLeaseTtl);
        }

        return table;
    }

    private JsonObject AuthTable()
    {
        var table = new JsonObject { ["token/"] = MountEntry("token", null, TimeSpan.Zero) };
        foreach (var (path, type) in _authMounts)
        {
            table[path + "/"] = MountEntry(type, null, TimeSpan.Zero);
        }

        return table;
    }

    private static JsonObject MountEntry(string type, JsonObject? options, TimeSpan maxLeaseTtl) => new()
    {
        ["accessor"] = $"{type}_{NewId(8).ToLowerInvariant()}",
        ["config"] = new JsonObject { ["default_lease_ttl"] = 0, ["force_no_cache"] = false, ["max_lease_ttl"] = (long)maxLeaseTtl.TotalSeconds },
        ["description"] = "",
        ["external_entropy_access"] = false,
        ["local"] = type == "cubbyhole",
        ["options"] = options,
        ["plugin_version"] = "",
        ["seal_wrap"] = false,
        ["type"] = type,
        ["uuid"] = Guid.NewGuid().ToString(),
    };

    private EmulatorReply ReadPolicy(string name)
    {
        if (!_policies.TryGetValue(name, out var policy))
        {
            return EmulatorReply.Error(404);
        }

        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["name"] = name,
            ["policy"] = _policyTexts.TryGetValue(name, out var text) ? text : PolicyText.Format(policy.Rules),
        }, mountType: "system"));
    }

    private EmulatorReply WritePolicy(EmulatorCall call, string name)
    {
        if (call.Str("policy") is not { Length: > 0 } text)
        {
            return EmulatorReply.Error(400, "'policy' parameter not supplied or empty");
        }

        if (PolicyText.Parse(text) is not { } rules)
        {
            return EmulatorReply.Error(400, "failed to parse policy: the emulator understands path \"…\" { capabilities = [...] } blocks and # comments");
        }

        _policies[name] = new EmulatorPolicy(rules);
        _policyTexts[name] = text;
        return EmulatorReply.NoContent;
    }
}
