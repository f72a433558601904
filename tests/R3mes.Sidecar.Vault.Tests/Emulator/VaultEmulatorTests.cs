using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>The emulator itself must match real Vault (docs/VAULT.md), not our client.</summary>
public sealed class VaultEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private VaultEmulator _vault = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Time = _time });
        _http = new HttpClient { BaseAddress = _vault.Address };
        _vault.MountKv("secret", 2);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _vault.DisposeAsync();
    }

    [Fact]
    public async Task Success_HasAllNineEnvelopeKeysInStructOrder_AndNoStore()
    {
        _vault.WriteKv("secret", "app", new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        using var response = await Send(HttpMethod.Get, "v1/secret/data/app", _vault.RootToken);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(["request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info", "warnings", "auth", "mount_type"],
            JsonNode.Parse(body)!.AsObject().Select(p => p.Key).ToArray());
        Assert.True(body.IndexOf("\"a\"", StringComparison.Ordinal) < body.IndexOf("\"b\"", StringComparison.Ordinal), "map keys sorted");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task KvV2_DeletedVersionIs404WithEnvelope_MissingPathIs404WithEmptyErrors()
    {
        _vault.WriteKv("secret", "app", new Dictionary<string, string> { ["k"] = "v" });
        _vault.DeleteKvVersion("secret", "app", 1);
        using var deleted = await Send(HttpMethod.Get, "v1/secret/data/app", _vault.RootToken);
        using var missing = await Send(HttpMethod.Get, "v1/secret/data/nothing", _vault.RootToken);

        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        var envelope = JsonNode.Parse(await deleted.Content.ReadAsStringAsync())!;
        Assert.Null(envelope["data"]!["data"]);
        Assert.NotEqual("", envelope["data"]!["metadata"]!["deletion_time"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"errors\":[]}\n", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrappedSecretId_LookupShowsCreationPath_UnwrapIsSingleUse()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5));
        var wrapping = _vault.WrapSecretId(role, TimeSpan.FromMinutes(2));
        using var lookup = await Send(HttpMethod.Post, "v1/sys/wrapping/lookup", null, $$"""{"token":"{{wrapping}}"}""");
        using var first = await Send(HttpMethod.Post, "v1/sys/wrapping/unwrap", wrapping);
        using var second = await Send(HttpMethod.Post, "v1/sys/wrapping/unwrap", wrapping);

        Assert.Equal("auth/approle/role/backend/secret-id", JsonNode.Parse(await lookup.Content.ReadAsStringAsync())!["data"]!["creation_path"]!.GetValue<string>());
        var secretId = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["data"]!["secret_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("wrapping token is not valid or does not exist", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var login = await Send(HttpMethod.Post, "v1/auth/approle/login", null, $$"""{"role_id":"{{role.RoleId}}","secret_id":"{{secretId}}"}""");
        var auth = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["auth"]!;
        Assert.Equal(300, auth["lease_duration"]!.GetValue<long>());
        Assert.Equal("backend", auth["metadata"]!["role_name"]!.GetValue<string>());
        Assert.True(auth["orphan"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AppRoleLogin_WrongSecret_Is400InvalidRoleOrSecretId()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5));
        using var login = await Send(HttpMethod.Post, "v1/auth/approle/login", null, $$"""{"role_id":"{{role.RoleId}}","secret_id":"wrong"}""");

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal("{\"errors\":[\"invalid role or secret ID\"]}\n", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RenewSelf_PastMaxTtl_IsCappedWithWarning_AndExpiredTokenIsInvalid()
    {
        var token = _vault.CreateToken(["default"], TimeSpan.FromSeconds(10), maxTtl: TimeSpan.FromSeconds(15));
        _time.Advance(TimeSpan.FromSeconds(8));
        using var renew = await Send(HttpMethod.Post, "v1/auth/token/renew-self", token, """{"increment":"10"}""");
        var body = JsonNode.Parse(await renew.Content.ReadAsStringAsync())!;

        Assert.Equal(7, body["auth"]!["lease_duration"]!.GetValue<long>());
        Assert.Contains("capped", body["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(8));
        using var expired = await Send(HttpMethod.Get, "v1/auth/token/lookup-self", token);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("invalid token", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_DeniesOtherPaths_With403PermissionDenied()
    {
        _vault.SetPolicy("app", new Dictionary<string, string[]> { ["secret/data/app"] = ["read"] });
        _vault.WriteKv("secret", "app", new Dictionary<string, string> { ["k"] = "v" });
        _vault.WriteKv("secret", "other", new Dictionary<string, string> { ["k"] = "v" });
        var token = _vault.CreateToken(["app"], TimeSpan.FromMinutes(5));
        using var allowed = await Send(HttpMethod.Get, "v1/secret/data/app", token);
        using var denied = await Send(HttpMethod.Get, "v1/secret/data/other", token);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("permission denied", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_SealedStandbyAndQueuedErrors_AnswerAsVaultDoes()
    {
        _vault.Sealed = true;
        using var sealedHealth = await Send(HttpMethod.Get, "v1/sys/health", null);
        using var sealedApi = await Send(HttpMethod.Get, "v1/secret/data/app", _vault.RootToken);
        _vault.Sealed = false;
        _vault.StandbyRedirect = new Uri("http://127.0.0.1:1/");
        using var standbyHealth = await Send(HttpMethod.Get, "v1/sys/health?standbyok=true", null);
        using var redirect = await Send(HttpMethod.Get, "v1/secret/data/app?version=2", _vault.RootToken);
        _vault.StandbyRedirect = null;
        _vault.FailNext(1, 412);
        using var precondition = await Send(HttpMethod.Get, "v1/secret/data/app", _vault.RootToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sealedHealth.StatusCode);
        Assert.True(JsonNode.Parse(await sealedHealth.Content.ReadAsStringAsync())!["sealed"]!.GetValue<bool>());
        Assert.Equal("{\"errors\":[\"Vault is sealed\"]}\n", await sealedApi.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, standbyHealth.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("http://127.0.0.1:1/v1/secret/data/app?version=2", redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, precondition.StatusCode);
    }

    [Fact]
    public async Task Namespace_IsEchoed_AndRequestsAreLoggedByAccessorOnly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/auth/token/lookup-self");
        request.Headers.Add("X-Vault-Token", _vault.RootToken);
        request.Headers.Add("X-Vault-Namespace", "team-a/");
        using var response = await _http.SendAsync(request);

        Assert.Equal("team-a/", response.Headers.GetValues("X-Vault-Namespace").Single());
        var logged = Assert.Single(_vault.Requests);
        Assert.NotNull(logged.Accessor);
        Assert.DoesNotContain(_vault.RootToken, logged.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _vault.Address };
        return await client.SendAsync(request);
    }
}
