using System.Net;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Client;

public sealed class VaultClientTests
{
    private static readonly SecretValue Token = SecretValue.FromUtf8("hvs.CANARY-token-value");

    [Fact]
    public async Task SendAsync_AbridgedAppRoleDocSample_ParsesAuthBlock()
    {
        var fake = new FakeVault().On("POST /v1/auth/approle/login", HttpStatusCode.OK, DocFixtures.AppRoleLogin);
        var response = await TestVault.Client(fake).SendAsync(HttpMethod.Post, ["auth", "approle", "login"], null, default, new Dictionary<string, string> { ["role_id"] = "r" });

        var auth = response.Required("login").Auth!;
        Assert.Equal("5b1a0318-679c-9c45-e5c6-d1b9a9035d49", auth.ClientToken);
        Assert.Equal(1200, auth.LeaseDuration);
        Assert.True(auth.Renewable);
        Assert.Equal(0, response.Envelope!.LeaseDuration);
    }

    [Fact]
    public async Task SendAsync_TokenCreateDocSample_ReadsWarningsAndPolicies()
    {
        var fake = new FakeVault().On("POST /v1/auth/token/create", HttpStatusCode.OK, DocFixtures.TokenCreate);
        var response = await TestVault.Client(fake).SendAsync(HttpMethod.Post, ["auth", "token", "create"], Token, default);

        Assert.Equal(2, response.Envelope!.Warnings!.Count);
        Assert.Equal(["default", "stage", "web"], response.Envelope.Auth!.Policies!);
        Assert.Equal("service", response.Envelope.Auth.TokenType);
    }

    [Fact]
    public async Task SendAsync_Always_SendsRequestHeaderTokenAndNamespace()
    {
        var fake = new FakeVault().On("GET /v1/auth/token/lookup-self", HttpStatusCode.OK, DocFixtures.LookupSelf);
        await TestVault.Client(fake, ns: "team-a").SendAsync(HttpMethod.Get, ["auth", "token", "lookup-self"], Token, default);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("true", request.Headers.GetValues("X-Vault-Request").Single());
        Assert.Equal("team-a", request.Headers.GetValues("X-Vault-Namespace").Single());
        Assert.Equal(Token.RevealUtf8(), request.Headers.GetValues("X-Vault-Token").Single());
    }

    [Fact]
    public async Task SendAsync_NoContent_ReturnsNoEnvelope()
    {
        var fake = new FakeVault().On("POST /v1/auth/token/revoke-self", HttpStatusCode.NoContent);
        var response = await TestVault.Client(fake).SendAsync(HttpMethod.Post, ["auth", "token", "revoke-self"], Token, default);

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Null(response.Envelope);
    }

    [Fact]
    public async Task SendAsync_InvalidToken403_IsInvalidTokenAndNotRetried()
    {
        var fake = new FakeVault().On("GET /v1/secret/data/app", HttpStatusCode.Forbidden, DocFixtures.InvalidToken403);
        var error = await Assert.ThrowsAsync<VaultApiException>(() =>
            TestVault.Client(fake).SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default));

        Assert.True(error.IsInvalidToken);
        Assert.Equal(1, fake.Count("GET /v1/secret/data/app"));
        Assert.DoesNotContain(Token.RevealUtf8(), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PolicyDenial_IsPermissionDeniedButNotInvalidToken()
    {
        var fake = new FakeVault().On("GET /v1/secret/data/app", HttpStatusCode.Forbidden, DocFixtures.PermissionDenied403);
        var error = await Assert.ThrowsAsync<VaultApiException>(() =>
            TestVault.Client(fake).SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default));

        Assert.True(error.IsPermissionDenied);
        Assert.False(error.IsInvalidToken);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task SendAsync_TransientStatus_IsOneAttemptLeftToTheCallersBackoff(HttpStatusCode status)
    {
        var fake = new FakeVault()
            .On("GET /v1/secret/data/app", status, """{"errors":["try later"]}""")
            .On("GET /v1/secret/data/app", HttpStatusCode.OK, DocFixtures.KvV2Read);
        var client = TestVault.Client(fake);

        var error = await Assert.ThrowsAsync<VaultApiException>(() => client.SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default));
        Assert.Equal(status, error.Status);
        Assert.Equal(1, fake.Count("GET /v1/secret/data/app"));

        // The next call (the refresh loop's next attempt) is the retry, and gets the answer.
        var response = await client.SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(2, fake.Count("GET /v1/secret/data/app"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotImplemented)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task SendAsync_ClientErrorOrNotInitialized_IsNotRetried(HttpStatusCode status)
    {
        var fake = new FakeVault().On("GET /v1/secret/data/app", status, """{"errors":["nope"]}""");
        var error = await Assert.ThrowsAsync<VaultApiException>(() =>
            TestVault.Client(fake).SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default));

        Assert.Equal(status, error.Status);
        Assert.Equal(1, fake.Count("GET /v1/secret/data/app"));
    }

    [Fact]
    public async Task SendAsync_GarbageBody_FailsWithoutQuotingIt()
    {
        var fake = new FakeVault().On("GET /v1/secret/data/app", HttpStatusCode.OK, "<html>CANARY-garbage-secret</html>");
        var error = await Assert.ThrowsAsync<VaultApiException>(() =>
            TestVault.Client(fake).SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default));

        Assert.Contains("not a Vault JSON envelope", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OversizedBody_IsRefused()
    {
        var huge = "{\"data\":{\"x\":\"" + new string('a', VaultClient.MaxResponseBytes) + "\"}}";
        var fake = new FakeVault().On("GET /v1/secret/data/app", HttpStatusCode.OK, huge);
        var error = await Assert.ThrowsAsync<VaultApiException>(() =>
            TestVault.Client(fake).SendAsync(HttpMethod.Get, ["secret", "data", "app"], Token, default));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SegmentsWithReservedCharacters_AreEncodedNotInterpreted()
    {
        var fake = new FakeVault();
        await Assert.ThrowsAsync<VaultApiException>(() =>
            TestVault.Client(fake).SendAsync(HttpMethod.Get, ["secret", "data", "a b?x=1#frag/../c"], Token, default));

        var uri = Assert.Single(fake.Requests).RequestUri!;
        Assert.Equal("/v1/secret/data/a%20b%3Fx%3D1%23frag%2F..%2Fc", uri.AbsolutePath);
        Assert.Equal("", uri.Query);
    }

    [Theory]
    [InlineData("secret/../sys/seal")]
    [InlineData("secret/./app")]
    [InlineData("secret//app")]
    [InlineData("")]
    public void Segments_DotOrEmptySegments_AreRefused(string path) =>
        Assert.Throws<ArgumentException>(() => VaultPath.Segments(path));
}
