using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Resilience;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Emulator.Postgres;
using R3mes.Sidecar.Vault.Engines;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.Tests.Emulator;
using R3mes.Sidecar.Vault.Tests.Support;
using static R3mes.Sidecar.Vault.Tests.Emulator.EmulatorHttp;

namespace R3mes.Sidecar.Vault.Tests.Database;

/// <summary>
/// <c>source: { vault: db/static-creds/app }</c> against the emulator's database engine on a real PostgreSQL: the
/// router picks the static-role reader from the mount type and path; the password works; the next read is due just
/// after the rotation Vault announces (<c>ttl</c>), with no lease to renew.
/// </summary>
public sealed class StaticCredsSourceContractTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("r3mes-static-").FullName;
    private VaultEmulator _vault = null!;

    private PostgresServer Pg => postgres.Server;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync();
        _vault.EnableDatabase("db");
        var (user, password) = Pg.SuperuserCredentials;
        await NoContentAsync(_vault.Address, "v1/db/config/pg", _vault.RootToken, $$"""
            {"plugin_name":"postgresql-database-plugin","allowed_roles":["app"],"connection_url":"postgresql://{{"{{username}}"}}:{{"{{password}}"}}@{{Pg.Host}}:{{Pg.Port}}/postgres","username":"{{user}}","password":"{{password}}"}
            """);
        await Pg.ExecuteAsync("CREATE ROLE static_source LOGIN PASSWORD 'initial'");
        await NoContentAsync(_vault.Address, "v1/db/static-roles/app", _vault.RootToken, """{"db_name":"pg","username":"static_source","rotation_period":"30s"}""");
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Fetch_ReadsTheStaticRole_AndIsDueJustAfterTheAnnouncedRotation()
    {
        var data = await Source().FetchAsync(default);

        Assert.Equal("static_source", data.Fields["username"].RevealUtf8());
        Assert.True(await Pg.CanLoginAsync("static_source", data.Fields["password"].RevealUtf8()));
        Assert.Null(data.Freshness.Lease);
        Assert.InRange(data.Freshness.RefreshAfter!.Value.TotalSeconds, 29, 31 + 0.5);
        Assert.Equal(0, _vault.LiveLeases);
        Assert.Equal(0, _vault.Count("PUT", "/v1/sys/leases/renew"));
    }

    private VaultSource Source()
    {
        var settings = TestVault.Settings() with { Address = _vault.Address };
        var client = new VaultClient(new HttpClient(VaultHttp.CreateHandler(settings.Tls)), settings, BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));
        var tokenFile = Path.Combine(_dir, "token");
        File.WriteAllText(tokenFile, _vault.RootToken);
        var runtime = new VaultRuntime(settings, client, TestVault.Session(client, new TokenFileAuth(tokenFile)));
        var options = new VaultSourceOptions(VaultPath.Segments("db/static-creds/app"), "reporting", null,
            new Dictionary<string, string>(), LeasePolicy.Default, VaultSourceOptions.DefaultRenewAt);
        return new VaultSource(runtime, options, new Lifetimes.LifetimeEngine(TimeProvider.System, NullLogger<Lifetimes.LifetimeEngine>.Instance), new Random(23), TimeProvider.System, NullLoggerFactory.Instance);
    }
}
