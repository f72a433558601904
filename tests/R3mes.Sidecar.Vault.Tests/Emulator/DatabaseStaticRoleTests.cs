using System.Net;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Emulator.Postgres;
using static R3mes.Sidecar.Vault.Tests.Emulator.EmulatorHttp;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>Static roles (api-docs/secret/databases/index.mdx "Read static role credentials"): no lease, ttl to the next rotation.</summary>
public sealed class DatabaseStaticRoleTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private VaultEmulator _vault = null!;

    private PostgresServer Pg => postgres.Server;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Time = _time });
        _vault.EnableDatabase("db");
        var (user, password) = Pg.SuperuserCredentials;
        await NoContentAsync(_vault.Address, "v1/db/config/pg", _vault.RootToken, $$"""
            {"plugin_name":"postgresql-database-plugin","allowed_roles":["app"],"connection_url":"postgresql://{{"{{username}}"}}:{{"{{password}}"}}@{{Pg.Host}}:{{Pg.Port}}/postgres","username":"{{user}}","password":"{{password}}"}
            """);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task StaticCreds_HaveNoLease_CountDown_AndRotateTheRealPassword()
    {
        await Pg.ExecuteAsync("CREATE ROLE static_app LOGIN PASSWORD 'initial'");
        await NoContentAsync(_vault.Address, "v1/db/static-roles/app", _vault.RootToken, """{"db_name":"pg","username":"static_app","rotation_period":"1h"}""");
        Assert.False(await Pg.CanLoginAsync("static_app", "initial"));

        var first = await OkAsync(_vault.Address, HttpMethod.Get, "v1/db/static-creds/app", _vault.RootToken);
        _time.Advance(TimeSpan.FromMinutes(10));
        var second = await OkAsync(_vault.Address, HttpMethod.Get, "v1/db/static-creds/app", _vault.RootToken);
        _time.Advance(TimeSpan.FromMinutes(51));
        var rotated = await OkAsync(_vault.Address, HttpMethod.Get, "v1/db/static-creds/app", _vault.RootToken);

        Assert.Equal("", first["lease_id"]!.GetValue<string>());
        Assert.Equal(0, first["lease_duration"]!.GetValue<long>());
        Assert.Equal(["last_vault_rotation", "password", "rotation_period", "ttl", "username"], first["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal(3600, first["data"]!["ttl"]!.GetValue<long>());
        Assert.Equal(3600, first["data"]!["rotation_period"]!.GetValue<long>());
        Assert.Equal(3000, second["data"]!["ttl"]!.GetValue<long>());
        Assert.Equal(Password(first), Password(second));
        Assert.NotEqual(Password(first), Password(rotated));
        Assert.Equal(3600, rotated["data"]!["ttl"]!.GetValue<long>());
        Assert.False(await Pg.CanLoginAsync("static_app", Password(first)));
        Assert.True(await Pg.CanLoginAsync("static_app", Password(rotated)));
        Assert.True(DateTimeOffset.Parse(rotated["data"]!["last_vault_rotation"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(first["data"]!["last_vault_rotation"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UnknownStaticRole_Is400()
    {
        var (status, body) = await SendAsync(_vault.Address, HttpMethod.Get, "v1/db/static-creds/nope", _vault.RootToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unknown role: nope", body!["errors"]![0]!.GetValue<string>());
    }

    private static string Password(System.Text.Json.Nodes.JsonNode creds) => creds["data"]!["password"]!.GetValue<string>();
}
