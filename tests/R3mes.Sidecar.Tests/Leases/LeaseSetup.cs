using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// A real PostgreSQL and the Vault emulator's database engine on it, configured over the HTTP API the way an
/// operator does with the vault CLI: connection <c>r3mes</c>, dynamic role <c>backend</c> (real <c>CREATE ROLE …
/// VALID UNTIL</c>), and an AppRole whose policy reads the credentials and renews and revokes leases.
/// </summary>
internal sealed class LeaseSetup : IAsyncDisposable
{
    public const string CredsPath = "database/creds/backend";
    public const string RolePrefix = "v-approle-backend-";

    private LeaseSetup(PostgresServer postgres, VaultEmulator vault)
    {
        Postgres = postgres;
        Vault = vault;
    }

    public PostgresServer Postgres { get; }

    public VaultEmulator Vault { get; }

    public static async Task<LeaseSetup> StartAsync(TimeSpan ttl, TimeSpan maxTtl)
    {
        var postgres = await PostgresServer.StartAsync();
        var vault = await VaultSetup.StartAsync();
        var setup = new LeaseSetup(postgres, vault);
        vault.EnableDatabase("database");
        var (user, password) = postgres.SuperuserCredentials;
        await VaultSetup.RootWriteAsync(vault, "database/config/r3mes", new JsonObject
        {
            ["plugin_name"] = "postgresql-database-plugin",
            ["connection_url"] = $"postgresql://{{{{username}}}}:{{{{password}}}}@127.0.0.1:{postgres.Port}/postgres",
            ["username"] = user,
            ["password"] = password,
            ["allowed_roles"] = "backend",
        });
        await VaultSetup.RootWriteAsync(vault, "database/roles/backend", new JsonObject
        {
            ["db_name"] = "r3mes",
            ["creation_statements"] = new JsonArray("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"),
            ["default_ttl"] = (long)ttl.TotalSeconds,
            ["max_ttl"] = (long)maxTtl.TotalSeconds,
        });
        vault.SetPolicy("db", new Dictionary<string, string[]>
        {
            [CredsPath] = ["read"],
            ["sys/leases/renew"] = ["update"],
            ["sys/leases/revoke"] = ["update"],
        });
        return setup;
    }

    public AppRole AddRole(TimeSpan? tokenTtl = null, TimeSpan tokenMaxTtl = default) =>
        Vault.AddAppRole("approle", "backend", tokenTtl ?? TimeSpan.FromMinutes(20), tokenMaxTtl, [VaultSetup.ReadPolicy, "db"]);

    /// <summary>The sidecar configuration for the <c>postgres</c> secret (user and password files), plus <paramref name="extra"/> YAML.</summary>
    public string Config(TempWorkspace workspace, AppRole role, string secretOptions = "", string vaultOptions = "", string extra = "", string onChange = "") => $$$"""
        output: { dir: out }
        state_dir: state
        log: { level: debug }
        vault:
          address: {{{Vault.Address}}}
          auth: {{{VaultSetup.AppRoleAuth(workspace, Vault, role)}}}
          {{{vaultOptions}}}
        secrets:
          - name: postgres
            source: { vault: {{{CredsPath}}}{{{secretOptions}}} }
            files: { postgres_user: "{{ username }}", postgres_password: "{{ password }}" }
            on_change: [{{{onChange}}}]
        {{{extra}}}
        """;

    public Task<IReadOnlyList<string>> DynamicRolesAsync() => Postgres.RolesAsync("v-");

    public int CredsReads => Vault.Count("GET", "/v1/" + CredsPath);

    public string Describe() => VaultSetup.Describe(Vault);

    public async ValueTask DisposeAsync()
    {
        await Vault.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
