using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>
/// The emulator's lease table at benchmark scale (bench/run.sh keeps 10,000 leases): a renewal must not scan every
/// lease. The scan read the clock twice per lease under the emulator's one lock; profiled during the 10,000-lease
/// run it was three quarters of the emulator's CPU, so on a loaded machine renewals arrived later than their leases'
/// expiry and the benchmark counted thousands of leases "gone". Counted in clock reads, not in time taken.
/// </summary>
public sealed class LeaseTableScaleTests : IAsyncLifetime
{
    private const int Leases = 5_000;
    private const int Renewals = 20;
    private readonly FakeTimeProvider _fake = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ClockReadCounter _time;
    private VaultEmulator _vault = null!;

    public LeaseTableScaleTests() => _time = new ClockReadCounter(_fake);

    public async Task InitializeAsync() => _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Time = _time });

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Renew_AmongThousandsOfLeases_CostsAFewClockReads_AndTheOthersStillExpireOnTime()
    {
        var token = _vault.CreateToken(["root"], TimeSpan.FromHours(1));
        var leases = Enumerable.Range(0, Leases)
            .Select(i => _vault.RegisterLease($"rabbitmq/creds/r{i}", token, TimeSpan.FromSeconds(60), TimeSpan.FromHours(24)))
            .ToArray();
        using var http = new HttpClient { BaseAddress = _vault.Address };
        _fake.Advance(TimeSpan.FromSeconds(40));

        _time.Reset();
        foreach (var lease in leases.Take(Renewals))
        {
            using var response = await Send(http, "v1/sys/leases/renew", token, $$"""{"lease_id":"{{lease.Id}}","increment":60}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var readsPerRenewal = _time.Reads / Renewals;
        Assert.True(readsPerRenewal < 50, $"a renewal read the clock {readsPerRenewal} times with {Leases} leases in the table (a scan of every lease)");
        Assert.Equal(Leases, _vault.LiveLeases);

        // The leases not renewed end at their expiry (60 s after issue); the renewed ones live on to 100 s.
        _fake.Advance(TimeSpan.FromSeconds(20));
        using (var probe = await Send(http, "v1/sys/leases/renew", token, $$"""{"lease_id":"{{leases[^1].Id}}","increment":60}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, probe.StatusCode);
        }

        Assert.Equal(Renewals, _vault.LiveLeases);
        Assert.Equal(Leases - Renewals, _vault.ExpiredLeases.Count);
        _fake.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(0, _vault.LiveLeases);
    }

    [Fact]
    public async Task Renew_ThenTokenRevoked_EndsItsLeasesAtOnce()
    {
        var token = _vault.CreateToken(["root"], TimeSpan.FromHours(1));
        var other = _vault.CreateToken(["root"], TimeSpan.FromHours(1));
        var lease = _vault.RegisterLease("rabbitmq/creds/r0", token, TimeSpan.FromSeconds(60), TimeSpan.FromHours(24));
        using var http = new HttpClient { BaseAddress = _vault.Address };
        using (var renew = await Send(http, "v1/sys/leases/renew", token, $$"""{"lease_id":"{{lease.Id}}","increment":60}"""))
        {
            Assert.Equal(HttpStatusCode.OK, renew.StatusCode);
        }

        using (var revoke = await Send(http, "v1/auth/token/revoke-self", token, "{}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var gone = await Send(http, "v1/sys/leases/lookup", other, $$"""{"lease_id":"{{lease.Id}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        Assert.Equal([lease.Id], _vault.ExpiredLeases);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, string path, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Vault-Token", token);
        return await http.SendAsync(request);
    }
}
