using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>The C# API tests use to configure the emulator (what an operator would do with the vault CLI).</summary>
public sealed partial class VaultEmulator
{
    public void SetPolicy(string name, IReadOnlyDictionary<string, string[]> rules)
    {
        lock (_gate)
        {
            _policies[name] = new EmulatorPolicy(rules);
            _policyTexts.Remove(name);
        }
    }

    public void MountKv(string mount, int version)
    {
        lock (_gate)
        {
            _kv[mount.Trim('/')] = (version, new Dictionary<string, KvSecret>(StringComparer.Ordinal));
        }
    }

    /// <summary>Writes a new version (v2) or replaces the value (v1); returns the version number.</summary>
    public int WriteKv(string mount, string path, IReadOnlyDictionary<string, string> data)
    {
        var json = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
        lock (_gate)
        {
            return PutKv(mount.Trim('/'), path.Trim('/'), json);
        }
    }

    public void DeleteKvVersion(string mount, string path, int version) => EditVersion(mount, path, version, v => v.Deleted = Now);

    public void DestroyKvVersion(string mount, string path, int version) => EditVersion(mount, path, version, v =>
    {
        v.Destroyed = true;
        v.Data = null;
    });

    public AppRole AddAppRole(string mount, string name, TimeSpan tokenTtl, TimeSpan tokenMaxTtl = default, IReadOnlyList<string>? policies = null, TimeSpan period = default)
    {
        var role = new AppRole
        {
            Mount = mount.Trim('/'),
            Name = name,
            RoleId = Guid.NewGuid().ToString(),
            TokenTtl = tokenTtl,
            TokenMaxTtl = tokenMaxTtl,
            TokenPeriod = period,
            Policies = policies ?? ["default"],
        };
        lock (_gate)
        {
            _appRoles[role.RoleId] = role;
        }

        return role;
    }

    public string NewSecretId(AppRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var secretId = Guid.NewGuid().ToString();
        lock (_gate)
        {
            role.SecretIds.Add(secretId);
        }

        return secretId;
    }

    /// <summary>A new secret_id, response-wrapped as <c>auth/&lt;mount&gt;/role/&lt;name&gt;/secret-id</c> does with X-Vault-Wrap-TTL.</summary>
    public string WrapSecretId(AppRole role, TimeSpan ttl, string? creationPath = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        var secretId = NewSecretId(role);
        var body = Envelope.Create(new JsonObject
        {
            ["secret_id"] = secretId,
            ["secret_id_accessor"] = Guid.NewGuid().ToString(),
            ["secret_id_num_uses"] = 0,
            ["secret_id_ttl"] = 0,
        });
        return Wrap(creationPath ?? $"auth/{role.Mount}/role/{role.Name}/secret-id", body.ToJsonString(), ttl);
    }

    /// <summary>A Kubernetes or JWT role accepting the given JWTs.</summary>
    public void AddJwtRole(string mount, string role, IEnumerable<string> jwts, TimeSpan ttl, IReadOnlyList<string>? policies = null)
    {
        lock (_gate)
        {
            _jwtRoles[$"{mount.Trim('/')}/{role}"] = (mount.Trim('/'), role, new HashSet<string>(jwts, StringComparer.Ordinal), policies ?? ["default"], ttl);
        }
    }

    /// <summary>A cert-auth role trusting exactly this client certificate (by thumbprint).</summary>
    public void AddCertRole(string mount, string role, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, TimeSpan ttl, IReadOnlyList<string>? policies = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_gate)
        {
            _certRoles[certificate.Thumbprint] = (mount.Trim('/'), role, policies ?? ["default"], ttl);
        }
    }

    /// <summary>Mints a token as <c>auth/token/create</c> would.</summary>
    public string CreateToken(IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl = default, TimeSpan period = default, bool renewable = true)
    {
        lock (_gate)
        {
            return IssueToken(policies, ttl, maxTtl, period, renewable, "auth/token/create", parent: null, metadata: null).Id;
        }
    }

    private void EditVersion(string mount, string path, int version, Action<KvVersion> edit)
    {
        lock (_gate)
        {
            edit(_kv[mount.Trim('/')].Secrets[path.Trim('/')].Versions[version - 1]);
        }
    }

    private int PutKv(string mount, string path, JsonObject data)
    {
        var (version, secrets) = _kv[mount];
        if (!secrets.TryGetValue(path, out var secret))
        {
            secrets[path] = secret = new KvSecret();
        }

        if (version == 1)
        {
            secret.Versions.Clear();
        }

        secret.Versions.Add(new KvVersion { Data = data, Created = Now });
        return secret.CurrentVersion;
    }

    private EmulatorToken IssueToken(IReadOnlyList<string> policies, TimeSpan ttl, TimeSpan maxTtl, TimeSpan period, bool renewable, string path, string? parent, IReadOnlyDictionary<string, string>? metadata)
    {
        var created = Now;
        var effective = period > TimeSpan.Zero ? period : ttl;
        if (maxTtl > TimeSpan.Zero && effective > maxTtl)
        {
            effective = maxTtl;
        }

        var token = new EmulatorToken
        {
            Id = "hvs." + NewId(24),
            Accessor = NewId(24),
            Policies = policies.Contains("default") || policies.Contains("root") ? policies : ["default", .. policies],
            Created = created,
            Path = path,
            Ttl = effective,
            MaxTtl = maxTtl,
            Period = period,
            Renewable = renewable,
            Orphan = parent is null,
            Parent = parent,
            Metadata = metadata,
            ExpiresAt = effective > TimeSpan.Zero ? created + effective : null,
        };
        _tokens[token.Id] = token;
        LeaseEndsMoved();
        _issued.Enqueue(token.Id);
        return token;
    }

    private string Wrap(string creationPath, string body, TimeSpan ttl)
    {
        var token = "hvs." + NewId(24);
        lock (_gate)
        {
            _wrapped[token] = new WrappedResponse(creationPath, Now, ttl, body, NewId(24));
        }

        return token;
    }
}
