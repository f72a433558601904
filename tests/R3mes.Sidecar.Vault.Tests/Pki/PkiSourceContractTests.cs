using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Resilience;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Engines;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.Pki;
using R3mes.Sidecar.Vault.State;
using R3mes.Sidecar.Vault.Tests.Support;
using static R3mes.Sidecar.Vault.Tests.Emulator.EmulatorHttp;

namespace R3mes.Sidecar.Vault.Tests.Pki;

/// <summary>
/// <c>source: { vault: pki/issue/web, params: … }</c> against the emulator's PKI engine: the router picks the PKI
/// reader from the mount type, the fields are the certificate, chain and key, the next issue is due at renew_at of
/// the validity, and a kept certificate whose key matches is reused instead of issuing a new one.
/// </summary>
public sealed class PkiSourceContractTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("r3mes-pki-").FullName;
    private VaultEmulator _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync();
        _vault.EnablePki();
        await NoContentAsync(_vault.Address, "v1/pki/roles/web", _vault.RootToken,
            """{"allowed_domains":["example.test"],"allow_subdomains":true,"allow_ip_sans":true,"ttl":"1h","max_ttl":"2h","key_type":"ec"}""");
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Fetch_IssuesACertificateAndSchedulesTheNextAtRenewAtOfItsValidity()
    {
        var source = Source(renewAt: 0.5);

        var data = await source.FetchAsync(default);

        using var leaf = X509Certificate2.CreateFromPem(data.Fields["certificate"].RevealUtf8(), data.Fields["private_key"].RevealUtf8());
        Assert.Equal("CN=app.example.test", leaf.Subject);
        Assert.Equal(20 * 60, (leaf.NotAfter - leaf.NotBefore).TotalSeconds - 30, 2.0);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", data.Fields["ca_chain"].RevealUtf8(), StringComparison.Ordinal);
        Assert.Equal(_vault.CaCertificate!.Thumbprint, X509Certificate2.CreateFromPem(data.Fields["issuing_ca"].RevealUtf8()).Thumbprint);
        // Half of the 20 minutes after the issue (not of NotBefore → NotAfter, which Vault back-dates by 30 s), ±5%.
        Assert.Equal(10 * 60, data.Freshness.RefreshAfter!.Value.TotalSeconds, (20 * 60 * 0.05) + 2);
        Assert.Equal(leaf.SerialNumber, data.Freshness.Version);
        Assert.Single(_vault.IssuedSerials);
    }

    [Fact]
    public async Task Restart_AKeptCertificateWhoseKeyMatches_IsReusedInsteadOfIssuingAnother()
    {
        var first = Source();
        var issued = await first.FetchAsync(default);
        await first.WrittenAsync(issued, CancellationToken.None);

        var restarted = Source();
        var reused = await restarted.FetchAsync(default);

        Assert.Single(_vault.IssuedSerials);
        Assert.Equal(issued.Fields["certificate"], reused.Fields["certificate"]);
        Assert.Equal(issued.Fields["private_key"], reused.Fields["private_key"]);
    }

    [Fact]
    public async Task Restart_AKeptCertificateWithAForeignKey_IsNotReused()
    {
        var first = Source();
        var issued = await first.FetchAsync(default);
        var other = await Source(store: false).FetchAsync(default);
        var mixed = new Dictionary<string, SecretValue>(issued.Fields.ToDictionary(f => f.Key, f => f.Value)) { ["private_key"] = other.Fields["private_key"] };
        new PkiStore(new StateFiles(_dir), "tls", PkiRequest.Key(Settings(), Options(2.0 / 3))).Save(mixed, TimeProvider.System.GetUtcNow());

        var restarted = await Source().FetchAsync(default);

        Assert.Equal(3, _vault.IssuedSerials.Count);
        Assert.NotEqual(issued.Fields["certificate"], restarted.Fields["certificate"]);
    }

    private VaultSource Source(double renewAt = 2.0 / 3, bool store = true)
    {
        var settings = Settings();
        var client = new VaultClient(new HttpClient(VaultHttp.CreateHandler(settings.Tls)), settings, BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));
        var tokenFile = Path.Combine(_dir, "token");
        File.WriteAllText(tokenFile, _vault.RootToken);
        var runtime = new VaultRuntime(settings, client, TestVault.Session(client, new TokenFileAuth(tokenFile)), store ? _dir : null);
        return new VaultSource(runtime, Options(renewAt), new Lifetimes.LifetimeEngine(TimeProvider.System, NullLogger<Lifetimes.LifetimeEngine>.Instance), new Random(23), TimeProvider.System, NullLoggerFactory.Instance);
    }

    private VaultSettings Settings() => TestVault.Settings() with { Address = _vault.Address };

    private static VaultSourceOptions Options(double renewAt) => new(VaultPath.Segments("pki/issue/web"), "tls", null,
        new Dictionary<string, string> { ["common_name"] = "app.example.test", ["ttl"] = "20m" }, LeasePolicy.Default, renewAt);
}
