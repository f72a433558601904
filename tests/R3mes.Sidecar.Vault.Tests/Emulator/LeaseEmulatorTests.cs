using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>sys/leases as api-docs/system/leases.mdx describes it, and leases dying with their parent token.</summary>
public sealed class LeaseEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private VaultEmulator _vault = null!;

    public async Task InitializeAsync() => _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Time = _time });

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Renew_PastMaxTtl_IsCappedWithAWarning()
    {
        var token = _vault.CreateToken(["root"], TimeSpan.FromHours(1));
        var lease = _vault.RegisterLease("database/creds/backend", token, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12));
        JsonNode? body = null;
        foreach (var _ in Enumerable.Range(0, 3))
        {
            _time.Advance(TimeSpan.FromSeconds(3));
            body = await Post("v1/sys/leases/renew", token, $$"""{"lease_id":"{{lease.Id}}","increment":4}""");
        }

        Assert.Equal(3, body!["lease_duration"]!.GetValue<long>());
        Assert.Equal(lease.Id, body["lease_id"]!.GetValue<string>());
        Assert.Contains("capped", body["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownLease_Succeeds_AndLookupOfItIs400()
    {
        var token = _vault.CreateToken(["root"], TimeSpan.FromHours(1));
        using var http = new HttpClient { BaseAddress = _vault.Address };
        using var revoke = await Send(http, "v1/sys/leases/revoke", token, """{"lease_id":"database/creds/backend/nope"}""");
        using var lookup = await Send(http, "v1/sys/leases/lookup", token, """{"lease_id":"database/creds/backend/nope"}""");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, lookup.StatusCode);
        Assert.Contains("invalid lease", await lookup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Leases_DieWithTheirParentTokenAndAtExpiry_CallingTheEngineBack()
    {
        var revoked = new List<string>();
        var parent = _vault.CreateToken(["root"], TimeSpan.FromSeconds(30));
        var other = _vault.CreateToken(["root"], TimeSpan.FromHours(1));
        var child = _vault.RegisterLease("database/creds/backend", parent, TimeSpan.FromHours(1), TimeSpan.FromHours(2), onRevoked: l => revoked.Add(l.Id));
        var shortLived = _vault.RegisterLease("database/creds/backend", other, TimeSpan.FromSeconds(10), TimeSpan.FromHours(2), onRevoked: l => revoked.Add(l.Id));
        Assert.Equal(2, _vault.LiveLeases);

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, _vault.LiveLeases);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, _vault.LiveLeases);
        Assert.Equal([shortLived.Id, child.Id], revoked);
    }

    private async Task<JsonNode?> Post(string path, string token, string body)
    {
        using var http = new HttpClient { BaseAddress = _vault.Address };
        using var response = await Send(http, path, token, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, string path, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Vault-Token", token);
        return await http.SendAsync(request);
    }
}
