using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Vault.Emulator;
using static R3mes.Sidecar.Vault.Tests.Emulator.EmulatorHttp;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>
/// pki/issue as builtin/logical/pki/path_issue_sign.go answers it: PEMs trimmed by certutil ToCertBundle, integer
/// <c>expiration</c>, colon-separated lower-case serial, a lease only with generate_lease (api-docs/secret/pki).
/// </summary>
public sealed class PkiEngineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private VaultEmulator _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Time = _time });
        _vault.EnablePki();
        await NoContentAsync(_vault.Address, "v1/pki/roles/web", _vault.RootToken,
            """{"allowed_domains":["example.test"],"allow_subdomains":true,"allow_ip_sans":true,"allow_localhost":true,"ttl":"1h","max_ttl":"2h","key_type":"ec"}""");
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Issue_ChainsToTheCa_WithTheRequestedSansAndTtl()
    {
        var body = await IssueAsync("web", """{"common_name":"app.example.test","alt_names":"api.example.test,localhost","ip_sans":"127.0.0.1","ttl":"30m"}""");
        var data = body["data"]!;
        using var leaf = X509Certificate2.CreateFromPem(data["certificate"]!.GetValue<string>());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_vault.CaCertificate!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;

        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["app.example.test", "api.example.test", "localhost"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback], san.EnumerateIPAddresses());
        Assert.Equal("CN=app.example.test", leaf.Subject);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotAfter).ToUnixTimeSeconds());
        Assert.Equal(_time.GetUtcNow().AddSeconds(-30).ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotBefore).ToUnixTimeSeconds());
        Assert.Equal(new DateTimeOffset(leaf.NotAfter).ToUnixTimeSeconds(), data["expiration"]!.GetValue<long>());
        Assert.Equal("pki", body["mount_type"]!.GetValue<string>());
        Assert.Equal("", body["lease_id"]!.GetValue<string>());
        Assert.Equal(0, body["lease_duration"]!.GetValue<long>());
    }

    [Fact]
    public async Task Issue_PemsHaveNoTrailingNewline_AndTheKeyIsSec1MatchingTheCertificate()
    {
        var data = (await IssueAsync("web", """{"common_name":"app.example.test"}"""))["data"]!;

        Assert.Equal(["ca_chain", "certificate", "expiration", "issuing_ca", "private_key", "private_key_type", "serial_number"], data.AsObject().Select(p => p.Key));
        foreach (var pem in new[] { data["certificate"], data["issuing_ca"], data["ca_chain"]![0], data["private_key"] }.Select(n => n!.GetValue<string>()))
        {
            Assert.EndsWith("-----", pem, StringComparison.Ordinal);
        }

        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----\n", data["private_key"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ec", data["private_key_type"]!.GetValue<string>());
        Assert.Equal(_vault.CaCertificate!.ExportCertificatePem().TrimEnd('\n'), data["issuing_ca"]!.GetValue<string>());
        using var key = ECDsa.Create();
        key.ImportFromPem(data["private_key"]!.GetValue<string>());
        using var leaf = X509Certificate2.CreateFromPem(data["certificate"]!.GetValue<string>());
        using var withKey = leaf.CopyWithPrivateKey(key);
        Assert.True(withKey.HasPrivateKey);
    }

    [Fact]
    public async Task Issue_SerialsAreRandomColonHex_MatchingTheCertificate()
    {
        var first = (await IssueAsync("web", """{"common_name":"a.example.test"}"""))["data"]!;
        var second = (await IssueAsync("web", """{"common_name":"b.example.test"}"""))["data"]!;

        var serial = first["serial_number"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){19}$", serial);
        using var leaf = X509Certificate2.CreateFromPem(first["certificate"]!.GetValue<string>());
        Assert.Equal(leaf.SerialNumber.ToLowerInvariant(), serial.Replace(":", "", StringComparison.Ordinal));
        Assert.NotEqual(serial, second["serial_number"]!.GetValue<string>());
        Assert.Equal([serial, second["serial_number"]!.GetValue<string>()], _vault.IssuedSerials);
    }

    [Fact]
    public async Task Issue_TtlPastMaxTtl_IsCappedWithAWarning()
    {
        var body = await IssueAsync("web", """{"common_name":"app.example.test","ttl":"72h"}""");

        using var leaf = X509Certificate2.CreateFromPem(body["data"]!["certificate"]!.GetValue<string>());
        Assert.Equal(_time.GetUtcNow().AddHours(2).ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotAfter).ToUnixTimeSeconds());
        Assert.Contains("72h0m0s", body["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_RsaRoleWithGenerateLease_HasANonRenewableLeaseToNotAfter()
    {
        await NoContentAsync(_vault.Address, "v1/pki/roles/leased", _vault.RootToken,
            """{"allow_any_name":true,"ttl":600,"key_type":"rsa","generate_lease":true}""");

        var body = await IssueAsync("leased", """{"common_name":"anything.internal"}""");

        Assert.Matches("^pki/issue/leased/[0-9A-Za-z]{24}$", body["lease_id"]!.GetValue<string>());
        Assert.False(body["renewable"]!.GetValue<bool>());
        // NotAfter has whole seconds, now does not: Vault's time.Until(NotAfter) truncates to 599 s just like this.
        Assert.InRange(body["lease_duration"]!.GetValue<long>(), 599, 600);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", body["data"]!["private_key"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("rsa", body["data"]!["private_key_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Issue_UnknownRoleAndForeignNames_Are400()
    {
        var (unknown, unknownBody) = await SendAsync(_vault.Address, HttpMethod.Post, "v1/pki/issue/nope", _vault.RootToken, """{"common_name":"a.example.test"}""");
        var (foreign, foreignBody) = await SendAsync(_vault.Address, HttpMethod.Post, "v1/pki/issue/web", _vault.RootToken, """{"common_name":"evil.example.com"}""");
        var (bare, _) = await SendAsync(_vault.Address, HttpMethod.Post, "v1/pki/issue/web", _vault.RootToken, """{"common_name":"example.test"}""");

        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("unknown role: nope", unknownBody!["errors"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, foreign);
        Assert.Equal("common name evil.example.com not allowed by this role", foreignBody!["errors"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bare);
        Assert.Empty(_vault.IssuedSerials);
    }

    private Task<JsonNode> IssueAsync(string role, string body) => OkAsync(_vault.Address, HttpMethod.Post, $"v1/pki/issue/{role}", _vault.RootToken, body);
}
