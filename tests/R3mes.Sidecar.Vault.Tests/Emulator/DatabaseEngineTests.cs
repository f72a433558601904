using System.Net;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Emulator.Postgres;
using static R3mes.Sidecar.Vault.Tests.Emulator.EmulatorHttp;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>
/// The emulator's database engine against a real PostgreSQL: shapes from api-docs/secret/databases/index.mdx and
/// postgresql.mdx, behaviour from builtin/logical/database/path_creds_create.go and plugins/database/postgresql/postgresql.go.
/// </summary>
public sealed class DatabaseEngineTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string CreateStatement = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{{name}}\";";
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private VaultEmulator _vault = null!;

    private PostgresServer Pg => postgres.Server;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Time = _time });
        _vault.EnableDatabase();
        var (user, password) = Pg.SuperuserCredentials;
        await NoContentAsync(_vault.Address, "v1/database/config/pg", _vault.RootToken, $$"""
            {"plugin_name":"postgresql-database-plugin","allowed_roles":"*","connection_url":"postgresql://{{"{{username}}"}}:{{"{{password}}"}}@{{Pg.Host}}:{{Pg.Port}}/postgres?sslmode=disable","username":"{{user}}","password":"{{password}}"}
            """);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Creds_CreateARealRoleThatCanLogIn_InVaultsShapes()
    {
        await AddRoleAsync("backend-readonly", "1h", "24h");

        var body = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/backend-readonly", _vault.RootToken);

        var username = body["data"]!["username"]!.GetValue<string>();
        var password = body["data"]!["password"]!.GetValue<string>();
        Assert.Matches("^database/creds/backend-readonly/[0-9A-Za-z]{24}$", body["lease_id"]!.GetValue<string>());
        Assert.True(body["renewable"]!.GetValue<bool>());
        Assert.Equal(3600, body["lease_duration"]!.GetValue<long>());
        Assert.Equal("database", body["mount_type"]!.GetValue<string>());
        Assert.Equal(["password", "username"], body["data"]!.AsObject().Select(p => p.Key));
        Assert.Matches("^v-root-backend--[0-9A-Za-z]{20}-[0-9]{10}$", username);
        Assert.Matches("^[0-9A-Za-z-]{20}$", password);
        Assert.True(await Pg.CanLoginAsync(username, password));
        Assert.False(await Pg.CanLoginAsync(username, password + "x"));
        var validUntil = await Pg.ValidUntilAsync(username);
        Assert.InRange(validUntil!.Value, _time.GetUtcNow().AddSeconds(3600), _time.GetUtcNow().AddSeconds(3606));
        Assert.Equal(username, Assert.Single(_vault.DatabaseLeases).Username);
    }

    [Fact]
    public async Task Renew_MovesValidUntil_BeforeTheResponse()
    {
        await AddRoleAsync("renewer", "60s", "1h");
        var creds = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/renewer", _vault.RootToken);
        var username = creds["data"]!["username"]!.GetValue<string>();
        var before = await Pg.ValidUntilAsync(username);
        _time.Advance(TimeSpan.FromSeconds(30));

        var renewed = await OkAsync(_vault.Address, HttpMethod.Post, "v1/sys/leases/renew", _vault.RootToken,
            $$"""{"lease_id":"{{creds["lease_id"]}}","increment":600}""");

        Assert.Equal(600, renewed["lease_duration"]!.GetValue<long>());
        var after = await Pg.ValidUntilAsync(username);
        Assert.Equal(_time.GetUtcNow().AddSeconds(600).ToUnixTimeSeconds(), after!.Value.ToUnixTimeSeconds());
        Assert.True(after > before!.Value.AddSeconds(500));
    }

    [Fact]
    public async Task Renew_PastMaxTtl_IsCappedWithVaultsWarning_AndValidUntilStopsThere()
    {
        await AddRoleAsync("capped", "4s", "10s");
        var creds = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/capped", _vault.RootToken);
        var issued = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(3));

        var renewed = await OkAsync(_vault.Address, HttpMethod.Post, "v1/sys/leases/renew", _vault.RootToken,
            $$"""{"lease_id":"{{creds["lease_id"]}}","increment":60}""");

        Assert.Equal(7, renewed["lease_duration"]!.GetValue<long>());
        Assert.Equal("TTL of \"60s\" exceeded the effective max_ttl of \"7s\"; TTL value is capped accordingly", renewed["warnings"]![0]!.GetValue<string>());
        var validUntil = await Pg.ValidUntilAsync(creds["data"]!["username"]!.GetValue<string>());
        Assert.Equal(issued.AddSeconds(10).ToUnixTimeSeconds(), validUntil!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task LeaseRevoke_DropsTheRole_AndItsLoginFails()
    {
        await AddRoleAsync("revoked", "1h", "24h");
        var creds = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/revoked", _vault.RootToken);
        var username = creds["data"]!["username"]!.GetValue<string>();
        Assert.True(await Pg.RoleExistsAsync(username));

        var (status, _) = await SendAsync(_vault.Address, HttpMethod.Post, "v1/sys/leases/revoke", _vault.RootToken, $$"""{"lease_id":"{{creds["lease_id"]}}"}""");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.DoesNotContain(username, await Pg.RolesAsync("v-"));
        Assert.False(await Pg.CanLoginAsync(username, creds["data"]!["password"]!.GetValue<string>()));
        Assert.Empty(_vault.DatabaseLeases);
        Assert.Empty(_vault.EngineErrors);
    }

    [Fact]
    public async Task RevokingTheParentToken_DropsItsRoles_ButNotOthers()
    {
        await AddRoleAsync("child", "1h", "24h");
        _vault.SetPolicy("db", new Dictionary<string, string[]> { ["database/creds/child"] = ["read"] });
        var parent = _vault.CreateToken(["db"], TimeSpan.FromHours(1));
        var mine = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/child", parent);
        var other = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/child", _vault.RootToken);

        var (status, _) = await SendAsync(_vault.Address, HttpMethod.Post, "v1/auth/token/revoke-self", parent);

        Assert.Equal(HttpStatusCode.NoContent, status);
        var roles = await Pg.RolesAsync("v-");
        Assert.DoesNotContain(mine["data"]!["username"]!.GetValue<string>(), roles);
        Assert.Contains(other["data"]!["username"]!.GetValue<string>(), roles);
        Assert.StartsWith("v-token-child-", mine["data"]!["username"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiringParentToken_OrAnExpiringLease_DropsTheRole()
    {
        await AddRoleAsync("short", "20s", "1h");
        var parent = _vault.CreateToken(["root"], TimeSpan.FromSeconds(60));
        var ofToken = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/short", parent);
        await AddRoleAsync("long", "2h", "3h");
        var ofLease = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/long", parent);
        var survivor = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/long", _vault.RootToken);

        _time.Advance(TimeSpan.FromSeconds(21));
        await _vault.SweepLeasesAsync();
        var afterLease = await Pg.RolesAsync("v-");
        _time.Advance(TimeSpan.FromSeconds(40));
        await _vault.SweepLeasesAsync();
        var afterToken = await Pg.RolesAsync("v-");

        Assert.DoesNotContain(Username(ofToken), afterLease);
        Assert.Contains(Username(ofLease), afterLease);
        Assert.DoesNotContain(Username(ofLease), afterToken);
        Assert.Contains(Username(survivor), afterToken);
        Assert.Equal(Username(survivor), Assert.Single(_vault.DatabaseLeases).Username);
    }

    [Fact]
    public async Task OnTheRealClock_AnExpiredLeaseIsRevokedWithoutAnyRequest()
    {
        await using var vault = await VaultEmulator.StartAsync();
        vault.EnableDatabase();
        var (user, password) = Pg.SuperuserCredentials;
        await NoContentAsync(vault.Address, "v1/database/config/pg", vault.RootToken, $$"""
            {"plugin_name":"postgresql-database-plugin","allowed_roles":"*","connection_url":"postgres://{{"{{username}}"}}:{{"{{password}}"}}@{{Pg.Host}}:{{Pg.Port}}/postgres","username":"{{user}}","password":"{{password}}"}
            """);
        await NoContentAsync(vault.Address, "v1/database/roles/tick", vault.RootToken, $$"""{"db_name":"pg","creation_statements":"CREATE ROLE \"{{"{{name}}"}}\" LOGIN PASSWORD '{{"{{password}}"}}'","default_ttl":1}""");
        var creds = await OkAsync(vault.Address, HttpMethod.Get, "v1/database/creds/tick", vault.RootToken);
        Assert.True(await Pg.RoleExistsAsync(Username(creds)));

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (await Pg.RoleExistsAsync(Username(creds)) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        Assert.False(await Pg.RoleExistsAsync(Username(creds)));
        Assert.Empty(vault.DatabaseLeases);
    }

    [Fact]
    public async Task Restart_RevokesEveryLease_DroppingTheRoles()
    {
        await AddRoleAsync("restart", "1h", "24h");
        var creds = await OkAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/restart", _vault.RootToken);

        _vault.Restart();

        Assert.False(await Pg.RoleExistsAsync(Username(creds)));
    }

    [Fact]
    public async Task UnknownRole_Is400_AndAMissingPolicyIs403()
    {
        await AddRoleAsync("guarded", "1h", "24h");
        var token = _vault.CreateToken(["default"], TimeSpan.FromHours(1));

        var (unknown, body) = await SendAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/nope", _vault.RootToken);
        var (denied, _) = await SendAsync(_vault.Address, HttpMethod.Get, "v1/database/creds/guarded", token);

        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("unknown role: nope", body!["errors"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, denied);
        Assert.Empty(_vault.DatabaseLeases);
    }

    private static string Username(System.Text.Json.Nodes.JsonNode creds) => creds["data"]!["username"]!.GetValue<string>();

    private Task AddRoleAsync(string name, string defaultTtl, string maxTtl) => NoContentAsync(_vault.Address, $"v1/database/roles/{name}", _vault.RootToken,
        $$"""{"db_name":"pg","creation_statements":["{{CreateStatement.Replace("\"", "\\\"", StringComparison.Ordinal)}}"],"default_ttl":"{{defaultTtl}}","max_ttl":"{{maxTtl}}"}""");
}
