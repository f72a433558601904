using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Auth.Methods.AppRole;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Auth;

/// <summary>Token renewal timing under a fake clock (docs/VAULT.md "Renewal timing").</summary>
public sealed class VaultTokenKeeperTests
{
    private const string Lookup = "GET /v1/auth/token/lookup-self";
    private const string Renew = "POST /v1/auth/token/renew-self";
    private const string Login = "POST /v1/auth/approle/login";

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

    /// <summary>
    /// The issue's scenario on the fake clock: the keeper has renewed once, then Vault forgets its tokens and a source
    /// logs in again on its 403. The new token must be renewed on its own schedule (2/3 of its TTL + grace/3 after its
    /// login, before its expiry), not found at the keeper's next planned wake-up and scheduled from then — which let it
    /// expire unrenewed, so every TTL ended in another login.
    /// </summary>
    [Fact]
    public async Task Keeper_TokenFromAnUnplannedLogin_IsRenewedFromItsOwnIssueTimeAndNoLoginFollows()
    {
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.OK, LookupBody(30, "acc-1"))
            .On(Lookup, HttpStatusCode.OK, LookupBody(30, "acc-2"))
            .On(Renew, HttpStatusCode.OK, RenewBody(30));
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var keeper = Keeper(fake, time, new NumberedTokens(), out var session);
        await keeper.StartAsync(default);
        await Eventually.Until(() => fake.Count(Lookup) == 1 && time.Timers > 0, "the first login and the renewal delay");
        await AdvanceUntil(time, () => fake.Count(Renew) == 1, TimeSpan.FromSeconds(25), "the first renewal");
        await Eventually.Until(() => time.Timers >= 2, "the keeper's delay after the first renewal");

        time.Advance(TimeSpan.FromSeconds(5));
        var timers = time.Timers;
        var replacement = await session.LoginAsync(session.Current, default);
        Assert.Equal("acc-2", replacement.Accessor);
        await Eventually.Until(() => time.Timers > timers, "the keeper to take up the new token at once (a renewal delay from its login)");

        time.Advance(TimeSpan.FromSeconds(20.9));
        await Eventually.Never(() => fake.Count(Renew) > 1, "no renewal of the new token before 2/3 TTL + grace/3 (≥ 21 s)");
        time.Advance(TimeSpan.FromSeconds(1.2));
        await Eventually.Until(() => fake.Count(Renew) == 2, "the new token renewed by 22 s after its login (it expires at 30 s)");
        Assert.Equal("hvs.keeper-2", fake.Requests.Last(r => r.RequestUri!.AbsolutePath == "/v1/auth/token/renew-self").Headers.GetValues("X-Vault-Token").Single());

        // Renewals go on; nobody logs in again while they extend the token.
        await AdvanceUntil(time, () => fake.Count(Renew) == 6, TimeSpan.FromSeconds(120), "four more renewals");
        Assert.Equal(2, fake.Count(Lookup));
        await keeper.StopAsync(default);
    }

    /// <summary>
    /// AppRole with <c>remove_secret_id_file</c> and a plain secret_id: the file is gone after the first login, so the
    /// login at the max TTL must use the secret_id kept in memory (it used to fail: "cannot read secret_id file").
    /// </summary>
    [Fact]
    public async Task Keeper_PlainSecretIdFileRemoved_LogsInAgainAfterTheMaxTtlWithTheSameSecretId()
    {
        var directory = Directory.CreateTempSubdirectory("approle-keeper-").FullName;
        var roleId = Path.Combine(directory, "role-id");
        var secretId = Path.Combine(directory, "secret-id");
        File.WriteAllText(roleId, "role-7\n");
        File.WriteAllText(secretId, "secret-9\n");
        var fake = new FakeVault()
            .On(Login, HttpStatusCode.OK, LoginBody("hvs.approle-1", "acc-1"))
            .On(Login, HttpStatusCode.OK, LoginBody("hvs.approle-2", "acc-2"))
            .On(Renew, HttpStatusCode.OK, RenewBody(8))
            .On(Renew, HttpStatusCode.OK, RenewBody(2))
            .On(Renew, HttpStatusCode.OK, RenewBody(30));
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var keeper = Keeper(fake, time, new AppRoleAuth("approle", roleId, secretId, wrapped: false, removeSecretIdFile: true), out var session);
        await keeper.StartAsync(default);
        await Eventually.Until(() => fake.Count(Login) == 1 && time.Timers > 0, "the first login and the renewal delay");
        Assert.False(File.Exists(secretId), "the secret_id file is removed after the first login");

        await AdvanceUntil(time, () => fake.Count(Login) == 2, TimeSpan.FromSeconds(30), "a second login once renewals stop extending the token");

        var bodies = fake.Requests.Select((r, i) => (r, i)).Where(x => x.r.RequestUri!.AbsolutePath == "/v1/auth/approle/login").Select(x => fake.Bodies[x.i] ?? "").ToArray();
        Assert.Equal(["""{"role_id":"role-7","secret_id":"secret-9"}""", """{"role_id":"role-7","secret_id":"secret-9"}"""], bodies);
        Assert.Equal("acc-2", session.Current?.Accessor);
        await keeper.StopAsync(default);
        Directory.Delete(directory, recursive: true);
    }

    private static async Task AdvanceUntil(TimerCountingTimeProvider time, Func<bool> condition, TimeSpan limit, string what)
    {
        for (var step = TimeSpan.Zero; step < limit && !condition(); step += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        await Eventually.Until(condition, what);
    }

    private static VaultTokenKeeper Keeper(FakeVault fake, TimerCountingTimeProvider time, out VaultSession session) =>
        Keeper(fake, time, new StaticToken(), out session);

    private static VaultTokenKeeper Keeper(FakeVault fake, TimerCountingTimeProvider time, IAuthMethod auth, out VaultSession session)
    {
        var client = TestVault.Client(fake);
        session = TestVault.Session(client, auth, time);
        var runtime = new VaultRuntime(TestVault.Settings(), client, session);
        return new VaultTokenKeeper(runtime, time, NullLogger<VaultTokenKeeper>.Instance);
    }

    private static string LookupBody(int ttl, string accessor = "acc-1") => $$$"""{"data":{"accessor":"{{{accessor}}}","ttl":{{{ttl}}},"renewable":true,"policies":["default"]}}""";

    private static string LoginBody(string token, string accessor) => $$$"""{"auth":{"client_token":"{{{token}}}","accessor":"{{{accessor}}}","lease_duration":30,"renewable":true}}""";

    private static string RenewBody(int ttl) => $$$"""{"auth":{"client_token":"ignored","accessor":"acc-1","lease_duration":{{{ttl}}},"renewable":true}}""";

    /// <summary>A new token at every login: hvs.keeper-1, hvs.keeper-2, …</summary>
    private sealed class NumberedTokens : IAuthMethod
    {
        private int _logins;

        public string Description => "numbered";

        public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LoginRequest.Token(SecretValue.FromUtf8($"hvs.keeper-{Interlocked.Increment(ref _logins)}")));
    }

    private sealed class StaticToken : IAuthMethod
    {
        public string Description => "static";

        public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LoginRequest.Token(SecretValue.FromUtf8("hvs.keeper-test")));
    }
}
