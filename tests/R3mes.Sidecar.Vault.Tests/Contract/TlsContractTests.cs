using R3mes.Sidecar.Resilience;
using R3mes.Sidecar.Vault.Auth.Methods.Cert;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Contract;

/// <summary>TLS to Vault: a private CA file, a server name override, and the cert auth method's client certificate.</summary>
public sealed class TlsContractTests : IAsyncLifetime
{
    private readonly EmulatorCertificates _certificates = new();
    private VaultEmulator _vault = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Tls = _certificates });
        _dir = Directory.CreateTempSubdirectory("vault-tls-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task CaFile_TrustsThePrivateCa()
    {
        var token = await LookupAsync(Tls(caFile: Write("ca.pem", _certificates.CaPem)));

        Assert.Equal(TimeSpan.Zero, token.Ttl);
    }

    [Fact]
    public async Task CaPem_TrustsThePrivateCaGivenInline()
    {
        var token = await LookupAsync(Tls() with { CaPem = _certificates.CaPem });

        Assert.Equal(TimeSpan.Zero, token.Ttl);
    }

    [Fact]
    public async Task ServerName_ValidatesAgainstTheGivenName()
    {
        var good = await LookupAsync(Tls(caFile: Write("ca.pem", _certificates.CaPem), serverName: "vault.test"));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => LookupAsync(Tls(caFile: Write("ca.pem", _certificates.CaPem), serverName: "other.test")));

        Assert.NotNull(good);
        Assert.IsType<HttpRequestException>(error);
    }

    [Fact]
    public async Task WithoutCaFile_TheServerIsNotTrusted()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => LookupAsync(Tls()));

        Assert.IsType<HttpRequestException>(error);
    }

    [Fact]
    public async Task SkipVerify_TrustsAnything()
    {
        var token = await LookupAsync(Tls(skipVerify: true));

        Assert.NotNull(token);
    }

    [Fact]
    public async Task CertAuth_LogsInWithTheClientCertificate()
    {
        var (certificate, certPem, keyPem) = _certificates.Client("r3mes-backend");
        _vault.AddCertRole("cert", "backend", certificate, TimeSpan.FromMinutes(3));
        var tls = Tls(caFile: Write("ca.pem", _certificates.CaPem), clientCert: Write("client.pem", certPem), clientKey: Write("client-key.pem", keyPem));
        var session = TestVault.Session(Client(tls), new CertAuth("cert", "backend"));

        var token = await session.TokenAsync(default);

        Assert.Equal(TimeSpan.FromMinutes(3), token.Ttl);
        Assert.Equal(1, _vault.Count("POST", "/v1/auth/cert/login"));
    }

    private async Task<VaultToken> LookupAsync(VaultTlsSettings tls)
    {
        var session = TestVault.Session(Client(tls), new TokenFileAuth(Write("token", _vault.RootToken)));
        return await session.TokenAsync(default);
    }

    private VaultClient Client(VaultTlsSettings tls)
    {
        var settings = TestVault.Settings() with { Address = _vault.Address, Tls = tls };
        return new VaultClient(new HttpClient(VaultHttp.CreateHandler(tls)), settings, BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));
    }

    private static VaultTlsSettings Tls(string? caFile = null, string? serverName = null, string? clientCert = null, string? clientKey = null, bool skipVerify = false) =>
        new(caFile, serverName, clientCert, clientKey, skipVerify);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
