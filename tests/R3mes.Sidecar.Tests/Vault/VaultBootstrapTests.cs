using System.Security.Cryptography.X509Certificates;
using Npgsql;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// Issue 12, acceptance (part 2): <c>vault bootstrap</c> (the real binary) against an empty emulator and a real
/// PostgreSQL, twice — the second run says "nothing to change" and writes nothing — then one sidecar per service logs
/// in with the AppRole role id and wrapped secret id the bootstrap wrote, and together they render every R3MES secret
/// of CONTRACT §1: KV values (bytes exactly), dynamic PostgreSQL credentials that log in, and a PKI certificate from the
/// CA the bootstrap generated. No secret value, secret id or token appears in the bootstrap's output.
/// </summary>
public sealed class VaultBootstrapTests
{
    private static readonly string[] KvFiles = ["jwt_secret", "api_secret_key", "redis_password", "grafana_admin_password"];

    [Fact]
    public async Task Bootstrap_Twice_ThenEachServiceSidecarRendersItsSecretsWithTheCredentialsItWrote()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var vault = await VaultEmulator.StartAsync();
        using var workspace = new TempWorkspace();
        var canaries = new Dictionary<string, string>(StringComparer.Ordinal);
        Directory.CreateDirectory(workspace.PathOf("secrets"));
        foreach (var name in KvFiles)
        {
            canaries[name] = $"CANARY-{name}-{Guid.NewGuid():N}";
        }

        canaries["validator_key"] = $$$"""{"priv_key":{"type":"tendermint/PrivKeyEd25519","value":"CANARY-validator-{{{Guid.NewGuid():N}}}"}}""";
        canaries["node_key"] = $$$"""{"priv_key":{"type":"tendermint/PrivKeyEd25519","value":"CANARY-node-{{{Guid.NewGuid():N}}}"}}""";
        foreach (var (name, value) in canaries)
        {
            File.WriteAllText(workspace.PathOf($"secrets/{name}{(name is "validator_key" or "node_key" ? ".json" : ".txt")}"), value);
        }

        var (adminUser, adminPassword) = postgres.SuperuserCredentials;
        File.WriteAllText(workspace.PathOf("secrets/postgres_admin_password.txt"), adminPassword);
        var bootstrapFile = workspace.WriteConfig(Bootstrap(postgres.Port, adminUser), "bootstrap.yaml");

        using var first = await BootstrapAsync(vault, bootstrapFile);
        Assert.True(first.ExitCode == 0, first.Transcript);
        Assert.Contains("  + enable secrets engine database at database/", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("  done: create database role database/roles/backend", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("  done: generate root CA 'R3MES Test Root' generated inside Vault in pki/", first.Stdout, StringComparison.Ordinal);
        var firstWrites = vault.Writes.Count;
        Assert.True(firstWrites > 20, VaultSetup.Describe(vault));

        vault.ClearRequests();
        using var second = await BootstrapAsync(vault, bootstrapFile);
        Assert.True(second.ExitCode == 0, second.Transcript);
        Assert.Contains("nothing to change", second.Stdout, StringComparison.Ordinal);
        Assert.Empty(vault.Writes);
        Assert.Contains(vault.Requests, r => r.Path == "/v1/database/roles/backend" && r.Method == "GET");

        var wrappedSecretIds = new[] { "backend", "nginx", "remesd", "grafana" }.Select(s => File.ReadAllText(workspace.PathOf($"credentials/{s}/secret-id")).Trim()).ToList();
        var bootstrapOutput = first.Transcript + second.Transcript;
        Canary.AssertAbsent([.. canaries.Values, adminPassword, vault.RootToken, .. wrappedSecretIds, .. vault.IssuedSecretIds], bootstrapOutput);
        Assert.Equal(4, vault.IssuedSecretIds.Count);

        // backend: KV values and dynamic PostgreSQL credentials that log in.
        using (var backend = await OnceAsync(workspace, vault, "backend", """
                   - name: app
                     source: { vault: secret/r3mes/app }
                     files: { jwt_secret: {}, api_secret_key: {}, redis_password: {} }
                   - name: postgres
                     source: { vault: database/creds/backend }
                     files: { postgres_user: "{{ username }}", postgres_password: "{{ password }}" }
                 """))
        {
            Assert.True(backend.ExitCode == 0, backend.Transcript);
        }

        foreach (var name in new[] { "jwt_secret", "api_secret_key", "redis_password" })
        {
            Assert.Equal(canaries[name], File.ReadAllText(workspace.PathOf($"out-backend/{name}")));
        }

        var user = File.ReadAllText(workspace.PathOf("out-backend/postgres_user"));
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString(user, File.ReadAllText(workspace.PathOf("out-backend/postgres_password")))))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_user", connection);
            Assert.Equal(user, (string?)await command.ExecuteScalarAsync());
        }

        // nginx: a certificate from the CA the bootstrap generated, with its key.
        using (var nginx = await OnceAsync(workspace, vault, "nginx", """
                   - name: tls
                     source: { vault: pki/issue/r3mes, params: { common_name: api.r3mes.local, ttl: 24h } }
                     files: { ssl_certificate: "{{ certificate }}", ssl_private_key: "{{ private_key }}" }
                 """))
        {
            Assert.True(nginx.ExitCode == 0, nginx.Transcript);
        }

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(workspace.PathOf("out-nginx/ssl_certificate")), File.ReadAllText(workspace.PathOf("out-nginx/ssl_private_key")));
        Assert.Equal("CN=api.r3mes.local", certificate.Subject);
        Assert.Equal("CN=R3MES Test Root", certificate.Issuer);
        Assert.Equal(vault.CaCertificate!.Subject, certificate.Issuer);
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(vault.CaCertificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }

        // remesd and grafana: the remaining KV secrets.
        using (var remesd = await OnceAsync(workspace, vault, "remesd", """
                   - name: validator
                     source: { vault: secret/remesd/validator }
                     files: { validator_key: { key: priv_validator_key }, node_key: { key: node_key } }
                     update: never
                 """))
        {
            Assert.True(remesd.ExitCode == 0, remesd.Transcript);
        }

        using (var grafana = await OnceAsync(workspace, vault, "grafana", """
                   - name: grafana
                     source: { vault: secret/r3mes/grafana }
                     files: { grafana_admin_password: {} }
                 """))
        {
            Assert.True(grafana.ExitCode == 0, grafana.Transcript);
        }

        Assert.Equal(canaries["validator_key"], File.ReadAllText(workspace.PathOf("out-remesd/validator_key")));
        Assert.Equal(canaries["node_key"], File.ReadAllText(workspace.PathOf("out-remesd/node_key")));
        Assert.Equal(canaries["grafana_admin_password"], File.ReadAllText(workspace.PathOf("out-grafana/grafana_admin_password")));
    }

    [Fact]
    public async Task Bootstrap_WithoutAToken_Exits2SayingWhereTheTokenComesFrom()
    {
        using var workspace = new TempWorkspace();
        File.WriteAllText(workspace.PathOf("jwt_secret.txt"), "x");
        var file = workspace.WriteConfig("kv: { secrets: { r3mes/app: { fields: [jwt_secret] } } }\n", "bootstrap.yaml");

        using var run = SidecarProcess.Start(["vault", "bootstrap", "-f", file, "--address", "http://127.0.0.1:1"], new Dictionary<string, string?> { ["VAULT_TOKEN"] = null });
        Assert.Equal(2, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));

        Assert.Contains("r3mes-sidecar: no Vault token: set VAULT_TOKEN or pass --token-file FILE (never the token itself on the command line)", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<SidecarProcess> BootstrapAsync(VaultEmulator vault, string file)
    {
        var run = SidecarProcess.Start(["vault", "bootstrap", "-f", file, "--address", vault.Address.ToString()],
            new Dictionary<string, string?> { ["VAULT_TOKEN"] = vault.RootToken, ["VAULT_ADDR"] = null });
        await run.WaitForExitAsync(SidecarProcess.ExitTimeout);
        return run;
    }

    /// <summary>Runs <c>once</c> as the service's sidecar: AppRole with the files the bootstrap wrote, the wrapped secret id unwrapped once.</summary>
    private static async Task<SidecarProcess> OnceAsync(TempWorkspace workspace, VaultEmulator vault, string service, string secrets)
    {
        Directory.CreateDirectory(workspace.PathOf($"out-{service}"));
        var config = workspace.WriteConfig($$"""
            output: { dir: out-{{service}} }
            state_dir: state-{{service}}
            retry_budget: 20s
            vault:
              address: {{vault.Address}}
              auth: { method: approle, role_id_file: credentials/{{service}}/role-id, secret_id_file: credentials/{{service}}/secret-id, secret_id_wrapped: true }
            secrets:
            {{secrets}}
            """, $"sidecar-{service}.yaml");
        var run = SidecarProcess.Start(["once", "-c", config]);
        await run.WaitForExitAsync(SidecarProcess.ExitTimeout);
        return run;
    }

    private static string Bootstrap(int postgresPort, string adminUser) => $$$"""
        kv:
          secrets:
            r3mes/app: { dir: secrets, fields: [jwt_secret, api_secret_key, redis_password] }
            r3mes/grafana: { dir: secrets, fields: [grafana_admin_password] }
            remesd/validator: { dir: secrets, fields: { priv_validator_key: validator_key.json, node_key: node_key.json } }
        database:
          connections:
            r3mes:
              connection_url: "postgresql://{{username}}:{{password}}@127.0.0.1:{{{postgresPort}}}/postgres"
              username: {{{adminUser}}}
              password_file: secrets/postgres_admin_password.txt
          roles:
            backend:
              connection: r3mes
              default_ttl: 1h
              max_ttl: 24h
              creation_statements:
                - CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';
        pki:
          max_lease_ttl: 87600h
          root: { common_name: R3MES Test Root, ttl: 8760h }
          roles:
            r3mes: { allowed_domains: [r3mes.local], allow_subdomains: true, ttl: 72h, max_ttl: 720h }
        auth:
          approle: {}
        services:
          backend: { kv: [secret/r3mes/app], database: [database/creds/backend], approle: {} }
          nginx: { pki: [pki/issue/r3mes], approle: {} }
          remesd: { kv: [secret/remesd/validator], approle: {} }
          grafana: { kv: [secret/r3mes/grafana], approle: {} }
        credentials: { dir: credentials, wrap_ttl: 5m }
        """;
}
