using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// Configuring auth methods enabled through <c>sys/auth</c> (api-docs/auth/approle, api-docs/auth/kubernetes):
/// AppRole roles (write keeps the role_id and live secret_ids; read answers TTLs in seconds; <c>role-id</c>;
/// <c>secret-id</c>, response-wrapped when asked), and the Kubernetes config and roles (stored and read back as
/// Vault normalises them; the token reviewer JWT is never returned). Logins for such Kubernetes roles still need
/// <see cref="AddJwtRole"/>: the emulator cannot review a service-account token.
/// </summary>
public sealed partial class VaultEmulator
{
    private readonly Dictionary<string, JsonObject> _authObjects = new(StringComparer.Ordinal);

    /// <summary>Every secret_id issued through the API, for tests that scan output for them.</summary>
    public IReadOnlyList<string> IssuedSecretIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _issuedSecretIds];
            }
        }
    }

    private readonly List<string> _issuedSecretIds = [];

    private EmulatorReply? AuthApiCall(EmulatorCall call, EmulatorToken token)
    {
        var s = call.Segments;
        var mount = _authMounts.Keys.Where(m => call.Path.StartsWith($"auth/{m}/", StringComparison.Ordinal)).OrderByDescending(m => m.Length).FirstOrDefault();
        if (s[0] != "auth" || mount is null || s[^1] == "login")
        {
            return null;
        }

        if (!Allowed(token, call.Path, Capability(call.Method)))
        {
            return EmulatorReply.Denied;
        }

        var rest = call.Path[($"auth/{mount}/".Length)..].Split('/');
        return (_authMounts[mount], call.Method, rest) switch
        {
            ("approle", "LIST", ["role"]) => ListAppRoles(mount),
            ("approle", "POST", ["role", var name]) => WriteAppRole(call, mount, name),
            ("approle", "GET", ["role", var name]) => FindAppRole(mount, name) is { } role ? EmulatorReply.Ok(Envelope.Create(AppRoleData(role), mountType: "approle")) : EmulatorReply.Error(404),
            ("approle", "GET", ["role", var name, "role-id"]) => FindAppRole(mount, name) is { } role
                ? EmulatorReply.Ok(Envelope.Create(new JsonObject { ["role_id"] = role.RoleId }, mountType: "approle"))
                : EmulatorReply.Error(400, "invalid role name"),
            ("approle", "POST", ["role", var name, "secret-id"]) => FindAppRole(mount, name) is { } role ? NewSecretIdReply(role) : EmulatorReply.Error(400, $"role \"{name}\" does not exist"),
            ("kubernetes", "POST", ["config"]) => WriteAuthObject(call.Path, KubernetesConfig(call)),
            ("kubernetes", "POST", ["role", _]) => WriteAuthObject(call.Path, KubernetesRole(call)),
            ("kubernetes", "GET", ["config"] or ["role", _]) => _authObjects.TryGetValue(call.Path, out var data)
                ? EmulatorReply.Ok(Envelope.Create(data, mountType: "kubernetes"))
                : EmulatorReply.Error(404),
            _ => EmulatorReply.Error(405),
        };
    }

    private AppRole? FindAppRole(string mount, string name) => _appRoles.Values.FirstOrDefault(r => r.Mount == mount && r.Name == name);

    private EmulatorReply ListAppRoles(string mount)
    {
        var names = _appRoles.Values.Where(r => r.Mount == mount).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0
            ? EmulatorReply.Error(404)
            : EmulatorReply.Ok(Envelope.Create(new JsonObject { ["keys"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) }, mountType: "approle"));
    }

    /// <summary>Creates or updates the role; an update keeps its role_id and every live secret_id.</summary>
    private EmulatorReply WriteAppRole(EmulatorCall call, string mount, string name)
    {
        var existing = FindAppRole(mount, name);
        var body = call.Body ?? [];
        TimeSpan Duration(string key, TimeSpan fallback) => body.ContainsKey(key) ? EmulatorDuration.Parse(body[key]) : fallback;
        var policies = body["token_policies"] ?? body["policies"];
        var role = new AppRole
        {
            Mount = mount,
            Name = name,
            RoleId = existing?.RoleId ?? Guid.NewGuid().ToString(),
            TokenTtl = Duration("token_ttl", existing?.TokenTtl ?? TimeSpan.Zero),
            TokenMaxTtl = Duration("token_max_ttl", existing?.TokenMaxTtl ?? TimeSpan.Zero),
            TokenPeriod = Duration("token_period", existing?.TokenPeriod ?? TimeSpan.Zero),
            Policies = policies is null ? existing?.Policies ?? [] : List(policies),
            SecretIdTtl = Duration("secret_id_ttl", existing?.SecretIdTtl ?? TimeSpan.Zero),
            SecretIdNumUses = body["secret_id_num_uses"] is { } uses ? (int)EmulatorDuration.Parse(uses).TotalSeconds : existing?.SecretIdNumUses ?? 0,
        };
        if (existing is not null)
        {
            role.SecretIds.UnionWith(existing.SecretIds);
            foreach (var (id, left) in existing.RemainingUses)
            {
                role.RemainingUses[id] = left;
            }
        }

        _appRoles[role.RoleId] = role;
        return EmulatorReply.NoContent;
    }

    private static JsonObject AppRoleData(AppRole role) => new()
    {
        ["bind_secret_id"] = true,
        ["local_secret_ids"] = false,
        ["policies"] = new JsonArray([.. role.Policies.Select(p => (JsonNode)p)]),
        ["secret_id_bound_cidrs"] = null,
        ["secret_id_num_uses"] = role.SecretIdNumUses,
        ["secret_id_ttl"] = (long)role.SecretIdTtl.TotalSeconds,
        ["token_bound_cidrs"] = new JsonArray(),
        ["token_explicit_max_ttl"] = 0,
        ["token_max_ttl"] = (long)role.TokenMaxTtl.TotalSeconds,
        ["token_no_default_policy"] = false,
        ["token_num_uses"] = 0,
        ["token_period"] = (long)role.TokenPeriod.TotalSeconds,
        ["token_policies"] = new JsonArray([.. role.Policies.Select(p => (JsonNode)p)]),
        ["token_ttl"] = (long)role.TokenTtl.TotalSeconds,
        ["token_type"] = "default",
    };

    private EmulatorReply NewSecretIdReply(AppRole role)
    {
        var secretId = Guid.NewGuid().ToString();
        role.SecretIds.Add(secretId);
        if (role.SecretIdNumUses > 0)
        {
            role.RemainingUses[secretId] = role.SecretIdNumUses;
        }

        _issuedSecretIds.Add(secretId);
        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["secret_id"] = secretId,
            ["secret_id_accessor"] = Guid.NewGuid().ToString(),
            ["secret_id_num_uses"] = role.SecretIdNumUses,
            ["secret_id_ttl"] = (long)role.SecretIdTtl.TotalSeconds,
        }, mountType: "approle"));
    }

    private EmulatorReply WriteAuthObject(string path, JsonObject data)
    {
        _authObjects[path] = data;
        return EmulatorReply.NoContent;
    }

    private static JsonObject KubernetesConfig(EmulatorCall call) => new()
    {
        ["disable_iss_validation"] = true,
        ["disable_local_ca_jwt"] = Bool(call, "disable_local_ca_jwt", false),
        ["issuer"] = call.Str("issuer") ?? "",
        ["kubernetes_ca_cert"] = call.Str("kubernetes_ca_cert") ?? "",
        ["kubernetes_host"] = call.Str("kubernetes_host") ?? "",
        ["pem_keys"] = new JsonArray(),
        ["token_reviewer_jwt_set"] = call.Str("token_reviewer_jwt") is { Length: > 0 },
    };

    private static JsonObject KubernetesRole(EmulatorCall call)
    {
        var body = call.Body ?? [];
        JsonArray Strings(string key) => [.. List(body[key]).Select(v => (JsonNode)v)];
        return new JsonObject
        {
            ["alias_name_source"] = call.Str("alias_name_source") ?? "serviceaccount_uid",
            ["audience"] = call.Str("audience") ?? "",
            ["bound_service_account_names"] = Strings("bound_service_account_names"),
            ["bound_service_account_namespaces"] = Strings("bound_service_account_namespaces"),
            ["token_max_ttl"] = (long)EmulatorDuration.Parse(body["token_max_ttl"]).TotalSeconds,
            ["token_policies"] = new JsonArray([.. List(body["token_policies"] ?? body["policies"]).Select(v => (JsonNode)v)]),
            ["token_ttl"] = (long)EmulatorDuration.Parse(body["token_ttl"]).TotalSeconds,
        };
    }
}
