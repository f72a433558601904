namespace R3mes.Sidecar.Vault.Tests.Bootstrap;

/// <summary>
/// A temporary directory holding a bootstrap file and the secret files it names, each value a distinctive canary, so
/// tests can scan output for every one of them.
/// </summary>
internal sealed class BootstrapFiles : IDisposable
{
    public BootstrapFiles()
    {
        Root = Directory.CreateTempSubdirectory("r3mes-bootstrap-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "secrets"));
        foreach (var name in new[] { "jwt_secret", "api_secret_key", "redis_password", "grafana_admin_password" })
        {
            Secrets[name] = $"CANARY-{name}-{Guid.NewGuid():N}";
            File.WriteAllText(Path.Combine(Root, "secrets", name + ".txt"), Secrets[name]);
        }
    }

    public string Root { get; }

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public string Credentials => Path.Combine(Root, "credentials");

    /// <summary>KV, PKI, AppRole and Kubernetes — everything but the database engine (which needs a real PostgreSQL).</summary>
    public const string Yaml = """
        kv:
          secrets:
            r3mes/app: { dir: secrets, fields: [jwt_secret, api_secret_key, redis_password] }
            r3mes/grafana: { dir: secrets, fields: [grafana_admin_password] }
        pki:
          root: { common_name: R3MES Test Root, ttl: 8760h }
          roles:
            r3mes: { allowed_domains: [r3mes.local], allow_subdomains: true, ttl: 72h, max_ttl: 720h }
        auth:
          approle: {}
          kubernetes: { host: "https://kubernetes.default.svc:443" }
        services:
          backend:
            kv: [secret/r3mes/app]
            approle: { token_ttl: 20m, token_max_ttl: 1h }
            kubernetes: { service_accounts: [backend], namespaces: [r3mes] }
          nginx:
            pki: [pki/issue/r3mes]
            approle: {}
          grafana:
            kv: [secret/r3mes/grafana]
            approle: {}
        credentials: { dir: credentials, wrap_ttl: 5m }
        """;

    public string Write(string yaml = Yaml)
    {
        var path = Path.Combine(Root, "bootstrap.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
