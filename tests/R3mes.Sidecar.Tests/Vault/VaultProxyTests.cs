using System.Net;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §8, README "Vault API proxy": <c>/v1/*</c> forwarded to the configured Vault only, with the sidecar's token
/// when the app sends none; every request needs <c>X-Vault-Request: true</c> (412 otherwise), absolute-form targets
/// and <c>.</c>/<c>..</c> or encoded <c>/</c>, <c>\</c>, <c>.</c> in the path are refused (400) and never forwarded.
/// </summary>
public sealed class VaultProxyTests(VaultProxyFixture proxy) : IClassFixture<VaultProxyFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task RequestWithoutToken_IsForwardedWithTheSidecarsToken()
    {
        var reads = proxy.Vault.Requests.Count(r => r.Path == VaultSetup.DataPath && r.Accessor == proxy.Accessor);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{proxy.ProxyPort}/v1/secret/data/r3mes/app");
        request.Headers.Add("X-Vault-Request", "true");

        using var response = await Http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(VaultProxyFixture.JwtSecret, JsonNode.Parse(body)!["data"]!["data"]!["jwt_secret"]!.GetValue<string>());
        Assert.Equal(reads + 1, proxy.Vault.Requests.Count(r => r.Path == VaultSetup.DataPath && r.Accessor == proxy.Accessor));
    }

    [Fact]
    public async Task RequestWithItsOwnToken_IsForwardedWithThatToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{proxy.ProxyPort}/v1/secret/data/r3mes/app");
        request.Headers.Add("X-Vault-Request", "true");
        request.Headers.Add("X-Vault-Token", "hvs.the-apps-own-revoked-token");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var forwarded = proxy.Vault.Requests[^1];
        Assert.Equal((VaultSetup.DataPath, "unknown"), (forwarded.Path, forwarded.Accessor));
    }

    [Fact]
    public async Task RequestWithoutXVaultRequest_Is412AndNotForwarded()
    {
        var before = proxy.Vault.Requests.Count;
        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{proxy.ProxyPort}/v1/secret/data/r3mes/app"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.DoesNotContain(VaultProxyFixture.JwtSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, proxy.Vault.Requests.Count);
    }

    [Theory]
    [InlineData("/v1/secret/%2e%2e/sys/health")]
    [InlineData("/v1/secret/%2E%2E/%2E%2E/v1/sys/health")]
    [InlineData("/v1/secret/../sys/health")]
    [InlineData("/v1/secret/data/r3mes/./app")]
    [InlineData("/v1/secret/data/r3mes%2fapp")]
    [InlineData("/v1/secret/data/r3mes%5c..%5capp")]
    [InlineData("/v1/../v1/sys/health")]
    [InlineData("/sys/health")]
    public async Task PathThatCouldBeReinterpreted_Is400AndNotForwarded(string target)
    {
        var before = proxy.Vault.Requests.Count;

        var (status, body) = await RawHttp.SendAsync(proxy.ProxyPort, "GET", target, "X-Vault-Request: true");

        Assert.True(status == 400, $"{status}: {body}");
        Assert.Equal(before, proxy.Vault.Requests.Count);
    }

    [Theory]
    [InlineData("http://evil.example/v1/sys/health", "evil.example")]
    [InlineData("http://evil.example/v1/sys/health", null)]
    [InlineData("http://127.0.0.1:{proxy}/v1/sys/health", "127.0.0.1:{proxy}")]
    public async Task AbsoluteFormTarget_IsRefusedAndNothingIsForwarded(string target, string? host)
    {
        var before = proxy.Vault.Requests.Count;
        string Port(string text) => text.Replace("{proxy}", proxy.ProxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        string[] headers = host is null ? ["X-Vault-Request: true"] : [$"Host: {Port(host)}", "X-Vault-Request: true"];

        var (status, body) = await RawHttp.SendAsync(proxy.ProxyPort, "GET", Port(target), headers);

        Assert.True(status == 400, $"{status}: {body}");
        Assert.Equal(before, proxy.Vault.Requests.Count);
        if (host is not null)
        {
            // Refused by the proxy itself (without Host, Kestrel already answers 400 to an HTTP/1.1 request).
            Assert.Contains("origin form", body, StringComparison.Ordinal);
        }
    }
}
