using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Auth;

/// <summary>Token renewal timing under a fake clock (docs/VAULT.md "Renewal timing").</summary>
public sealed class VaultTokenKeeperTests
{
    private const string Lookup = "GET /v1/auth/token/lookup-self";
    private const string Renew = "POST /v1/auth/token/renew-self";

    [Fact]
    public async Task Keeper_RenewableToken_RenewsAtAboutTwoThirdsOfTtlPlusGraceShare()
    {
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.OK, LookupBody(30))
            .On(Renew, HttpStatusCode.OK, RenewBody(30));
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var keeper = Keeper(fake, time, out _);
        await keeper.StartAsync(default);
        await Eventually.Until(() => fake.Count(Lookup) == 1 && time.Timers > 0, "the first login and the renewal delay");

        time.Advance(TimeSpan.FromSeconds(20.9));
        await Eventually.Never(() => fake.Count(Renew) > 0, "no renewal before 2/3 TTL + grace/3 (≥ 21 s)");
        time.Advance(TimeSpan.FromSeconds(1.2));
        await Eventually.Until(() => fake.Count(Renew) == 1, "a renewal by 22 s");
        await keeper.StopAsync(default);
    }

    [Fact]
    public async Task Keeper_RenewalCappedByMaxTtl_LogsInAgainBeforeExpiry()
    {
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.OK, LookupBody(30))
            .On(Renew, HttpStatusCode.OK, RenewBody(8))
            .On(Renew, HttpStatusCode.OK, RenewBody(2));
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var keeper = Keeper(fake, time, out var session);
        await keeper.StartAsync(default);
        await Eventually.Until(() => fake.Count(Lookup) == 1 && time.Timers > 0, "the first login and the renewal delay");

        for (var second = 0; second < 30 && fake.Count(Lookup) < 2; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        await Eventually.Until(() => fake.Count(Lookup) == 2, "a new login once renewals stop extending the token");
        Assert.True(time.GetUtcNow() < DateTimeOffset.Parse("2026-11-28T00:00:30Z", System.Globalization.CultureInfo.InvariantCulture), "before the first token's expiry");
        Assert.NotNull(session.Current);
        await keeper.StopAsync(default);
    }

    [Fact]
    public async Task Keeper_RenewalRejected_LogsInAgainAtOnce()
    {
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.OK, LookupBody(30))
            .On(Renew, HttpStatusCode.Forbidden, DocFixtures.InvalidToken403);
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var keeper = Keeper(fake, time, out _);
        await keeper.StartAsync(default);
        await Eventually.Until(() => fake.Count(Lookup) == 1 && time.Timers > 0, "the first login and the renewal delay");

        for (var second = 0; second < 30 && fake.Count(Lookup) < 2; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        await Eventually.Until(() => fake.Count(Lookup) == 2, "a new login right after the 403");
        Assert.True(fake.Count(Renew) >= 1, "the 403 came from a renewal");
        await keeper.StopAsync(default);
    }

    [Fact]
    public async Task Keeper_RenewsWithTheTokensLifetime_NotWhatIsLeftOfIt()
    {
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.OK, """{"data":{"accessor":"acc-1","ttl":12,"creation_ttl":30,"renewable":true}}""")
            .On(Renew, HttpStatusCode.OK, RenewBody(30));
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var keeper = Keeper(fake, time, out _);
        await keeper.StartAsync(default);
        await Eventually.Until(() => fake.Count(Lookup) == 1 && time.Timers > 0, "the first login and the renewal delay");

        for (var second = 0; second < 15 && fake.Count(Renew) == 0; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        await Eventually.Until(() => fake.Count(Renew) == 1, "a renewal");
        var body = fake.Bodies[fake.Requests.FindIndex(r => r.RequestUri!.AbsolutePath == "/v1/auth/token/renew-self")];

        Assert.Equal("""{"increment":"30"}""", body);
        await keeper.StopAsync(default);
    }

    private static VaultTokenKeeper Keeper(FakeVault fake, TimerCountingTimeProvider time, out VaultSession session)
    {
        var client = TestVault.Client(fake);
        session = TestVault.Session(client, new StaticToken(), time);
        var runtime = new VaultRuntime(TestVault.Settings(), client, session);
        return new VaultTokenKeeper(runtime, time, NullLogger<VaultTokenKeeper>.Instance);
    }

    private static string LookupBody(int ttl) => $$$"""{"data":{"accessor":"acc-1","ttl":{{{ttl}}},"renewable":true,"policies":["default"]}}""";

    private static string RenewBody(int ttl) => $$$"""{"auth":{"client_token":"ignored","accessor":"acc-1","lease_duration":{{{ttl}}},"renewable":true}}""";

    private sealed class StaticToken : IAuthMethod
    {
        public string Description => "static";

        public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LoginRequest.Token(SecretValue.FromUtf8("hvs.keeper-test")));
    }
}
