using System.Globalization;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>Logins (AppRole, Kubernetes/JWT), response unwrapping and token self-management.</summary>
public sealed partial class VaultEmulator
{
    private EmulatorReply Login(EmulatorCall call, string mount)
    {
        if (_certRoles.Values.Any(r => r.Mount == mount))
        {
            return CertLogin(call, mount);
        }

        if (call.Body?["role_id"] is not null || _appRoles.Values.Any(r => r.Mount == mount))
        {
            return AppRoleLogin(call, mount);
        }

        var role = call.Str("role") ?? "";
        if (!_jwtRoles.TryGetValue($"{mount}/{role}", out var jwtRole))
        {
            return _jwtRoles.Values.Any(r => r.Mount == mount)
                ? EmulatorReply.Error(400, $"invalid role name \"{role}\"")
                : EmulatorReply.Error(400, $"no handler for route \"auth/{mount}/login\". route entry not found.");
        }

        if (call.Str("jwt") is not { } jwt || !jwtRole.Jwts.Contains(jwt))
        {
            return EmulatorReply.Error(403, "service account name not authorized");
        }

        var token = IssueToken(jwtRole.Policies, jwtRole.Ttl, default, default, true, $"auth/{mount}/login", null,
            new Dictionary<string, string> { ["role"] = role, ["service_account_name"] = "default", ["service_account_namespace"] = "default" });
        return EmulatorReply.Ok(Envelope.Create(auth: Envelope.Auth(token, token.Ttl, token.Metadata)));
    }

    /// <summary>builtin/credential/cert: the TLS client certificate is the identity; an unknown one is 400.</summary>
    private EmulatorReply CertLogin(EmulatorCall call, string mount)
    {
        if (call.ClientCertificate is null || !_certRoles.TryGetValue(call.ClientCertificate, out var role) || role.Mount != mount)
        {
            return EmulatorReply.Error(400, "invalid certificate or no client certificate supplied");
        }

        var metadata = new Dictionary<string, string> { ["cert_name"] = role.Role };
        var token = IssueToken(role.Policies, role.Ttl, default, default, true, $"auth/{mount}/login", null, metadata);
        return EmulatorReply.Ok(Envelope.Create(auth: Envelope.Auth(token, token.Ttl, metadata)));
    }

    private EmulatorReply AppRoleLogin(EmulatorCall call, string mount)
    {
        var roleId = call.Str("role_id");
        if (string.IsNullOrEmpty(roleId))
        {
            return EmulatorReply.Error(400, "missing role_id");
        }

        var secretId = call.Str("secret_id");
        if (string.IsNullOrEmpty(secretId))
        {
            return EmulatorReply.Error(400, "missing secret_id");
        }

        if (!_appRoles.TryGetValue(roleId, out var role) || role.Mount != mount || !role.SecretIds.Contains(secretId))
        {
            return EmulatorReply.Error(400, "invalid role or secret ID");
        }

        if (role.RemainingUses.TryGetValue(secretId, out var left))
        {
            if (left <= 1)
            {
                role.RemainingUses.Remove(secretId);
                role.SecretIds.Remove(secretId);
            }
            else
            {
                role.RemainingUses[secretId] = left - 1;
            }
        }

        var metadata = new Dictionary<string, string> { ["role_name"] = role.Name };
        var token = IssueToken(role.Policies, role.TokenTtl, role.TokenMaxTtl, role.TokenPeriod, true, $"auth/{mount}/login", null, metadata);
        return EmulatorReply.Ok(Envelope.Create(auth: Envelope.Auth(token, token.Ttl, metadata)));
    }

    private EmulatorReply Unwrap(EmulatorCall call)
    {
        var wrapping = call.Str("token") ?? call.Token;
        if (wrapping is null || !_wrapped.Remove(wrapping, out var wrapped) || wrapped.Created + wrapped.Ttl <= Now)
        {
            return EmulatorReply.Error(400, "wrapping token is not valid or does not exist");
        }

        return new EmulatorReply(200, null, Raw: wrapped.Body);
    }

    private EmulatorReply WrapLookup(EmulatorCall call)
    {
        if (call.Str("token") is not { } wrapping || !_wrapped.TryGetValue(wrapping, out var wrapped) || wrapped.Created + wrapped.Ttl <= Now)
        {
            return EmulatorReply.Error(400, "wrapping token is not valid or does not exist");
        }

        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["creation_path"] = wrapped.CreationPath,
            ["creation_time"] = wrapped.Created.ToString("yyyy-MM-ddTHH:mm:ss.fffffffK", CultureInfo.InvariantCulture),
            ["creation_ttl"] = (long)wrapped.Ttl.TotalSeconds,
        }));
    }

    private EmulatorReply TokenCall(EmulatorCall call, EmulatorToken token) => (call.Method, call.Path) switch
    {
        ("GET" or "POST", "auth/token/lookup-self") => EmulatorReply.Ok(Envelope.Create(LookupData(token), mountType: "token")),
        ("POST", "auth/token/renew-self") => RenewSelf(call, token),
        ("POST", "auth/token/revoke-self") => RevokeSelf(token),
        ("POST", "auth/token/create") => CreateChild(call, token),
        _ => EmulatorReply.Error(405),
    };

    private JsonObject LookupData(EmulatorToken token) => new()
    {
        ["accessor"] = token.Accessor,
        ["creation_time"] = token.Created.ToUnixTimeSeconds(),
        ["creation_ttl"] = (long)token.Ttl.TotalSeconds,
        ["display_name"] = "token",
        ["entity_id"] = "",
        ["expire_time"] = token.ExpiresAt?.ToString("yyyy-MM-ddTHH:mm:ss.fffffffK", CultureInfo.InvariantCulture),
        ["explicit_max_ttl"] = (long)token.MaxTtl.TotalSeconds,
        ["id"] = token.Id,
        ["meta"] = token.Metadata is null ? null : new JsonObject(token.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
        ["num_uses"] = 0,
        ["orphan"] = token.Orphan,
        ["path"] = token.Path,
        ["period"] = token.Period > TimeSpan.Zero ? (long)token.Period.TotalSeconds : null,
        ["policies"] = new JsonArray([.. token.Policies.Select(p => (JsonNode)p)]),
        ["renewable"] = token.Renewable && token.ExpiresAt is not null,
        ["ttl"] = token.ExpiresAt is { } expires ? (long)Math.Max(0, (expires - Now).TotalSeconds) : 0,
        ["type"] = "service",
    };

    /// <summary>vault/token_store.go + expiration.go: capped at max TTL with a warning; periodic tokens get their period.</summary>
    private EmulatorReply RenewSelf(EmulatorCall call, EmulatorToken token)
    {
        if (!token.Renewable || token.ExpiresAt is null)
        {
            return EmulatorReply.Error(400, "lease is not renewable");
        }

        var increment = long.TryParse(call.Str("increment")?.Trim('"').TrimEnd('s'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : token.Ttl;
        var ttl = token.Period > TimeSpan.Zero ? token.Period : increment;
        JsonArray? warnings = null;
        if (token.MaxExpiry is { } max && Now + ttl > max)
        {
            var capped = max - Now;
            warnings = [$"TTL of \"{(long)ttl.TotalSeconds}s\" exceeded the effective max_ttl of \"{(long)capped.TotalSeconds}s\"; TTL value is capped accordingly"];
            ttl = capped;
        }

        token.ExpiresAt = Now + ttl;
        LeaseEndsMoved();
        return EmulatorReply.Ok(Envelope.Create(auth: Envelope.Auth(token, ttl, token.Metadata), warnings: warnings));
    }

    private EmulatorReply RevokeSelf(EmulatorToken token)
    {
        Revoke(token.Id);
        return EmulatorReply.NoContent;
    }

    private void Revoke(string id)
    {
        _tokens.Remove(id);
        LeaseEndsMoved();
        foreach (var child in _tokens.Values.Where(t => t.Parent == id).Select(t => t.Id).ToArray())
        {
            Revoke(child);
        }
    }

    private EmulatorReply CreateChild(EmulatorCall call, EmulatorToken parent)
    {
        var policies = (call.Body?["policies"] as JsonArray)?.Select(p => p!.GetValue<string>()).ToArray() ?? [.. parent.Policies];
        static TimeSpan Seconds(string? text) => long.TryParse(text?.Trim('"').TrimEnd('s'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;
        var ttl = Seconds(call.Str("ttl"));
        var token = IssueToken(policies, ttl == TimeSpan.Zero ? TimeSpan.FromHours(768) : ttl, Seconds(call.Str("explicit_max_ttl")),
            Seconds(call.Str("period")), call.Body?["renewable"]?.GetValue<bool>() ?? true, "auth/token/create",
            call.Body?["no_parent"]?.GetValue<bool>() == true ? null : parent.Id, null);
        return EmulatorReply.Ok(Envelope.Create(auth: Envelope.Auth(token, token.Ttl, null)));
    }
}
