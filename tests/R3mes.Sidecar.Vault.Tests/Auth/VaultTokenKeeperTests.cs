using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Lifetimes;
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
        await keeper.IdleAsync();
        Assert.Equal(1, fake.Count(Lookup));

        await keeper.AdvanceAsync(TimeSpan.FromSeconds(20.9));
        Assert.Equal(0, fake.Count(Renew));
        await keeper.AdvanceAsync(TimeSpan.FromSeconds(1.2));
        Assert.Equal(1, fake.Count(Renew));
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
        await keeper.IdleAsync();
        Assert.Equal(1, fake.Count(Lookup));

        await AdvanceUntil(keeper, () => fake.Count(Lookup) == 2, TimeSpan.FromSeconds(30), "a new login once renewals stop extending the token");
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
        await keeper.IdleAsync();
        Assert.Equal(1, fake.Count(Lookup));

        await AdvanceUntil(keeper, () => fake.Count(Lookup) == 2, TimeSpan.FromSeconds(30), "a new login right after the 403");
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
        await keeper.IdleAsync();
        Assert.Equal(1, fake.Count(Lookup));

        await AdvanceUntil(keeper, () => fake.Count(Renew) == 1, TimeSpan.FromSeconds(15), "a renewal");
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
        await keeper.IdleAsync();
        Assert.Equal(1, fake.Count(Lookup));
        await AdvanceUntil(keeper, () => fake.Count(Renew) == 1, TimeSpan.FromSeconds(25), "the first renewal");
        await keeper.AdvanceAsync(TimeSpan.FromSeconds(5));
        var oldTokensNextRenewal = keeper.Engine.NextDue;
        var replacement = await session.LoginAsync(session.Current, default);
        Assert.Equal("acc-2", replacement.Accessor);
        var loggedInAt = time.GetUtcNow();
        await keeper.IdleAsync();
        Assert.True(keeper.Engine.NextDue >= loggedInAt.AddSeconds(21), $"the keeper took up the new token at once (a renewal delay from its login): next run {keeper.Engine.NextDue:O}, the old token's was {oldTokensNextRenewal:O}");

        await keeper.AdvanceAsync(TimeSpan.FromSeconds(20.9));
        Assert.Equal(1, fake.Count(Renew));
        await keeper.AdvanceAsync(TimeSpan.FromSeconds(1.2));
        Assert.Equal(2, fake.Count(Renew));
        Assert.Equal("hvs.keeper-2", fake.Requests.Last(r => r.RequestUri!.AbsolutePath == "/v1/auth/token/renew-self").Headers.GetValues("X-Vault-Token").Single());

        // Renewals go on; nobody logs in again while they extend the token.
        await AdvanceUntil(keeper, () => fake.Count(Renew) == 6, TimeSpan.FromSeconds(120), "four more renewals");
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
        await keeper.IdleAsync();
        Assert.Equal(1, fake.Count(Login));
        Assert.False(File.Exists(secretId), "the secret_id file is removed after the first login");

        await AdvanceUntil(keeper, () => fake.Count(Login) == 2, TimeSpan.FromSeconds(30), "a second login once renewals stop extending the token");

        var bodies = fake.Requests.Select((r, i) => (r, i)).Where(x => x.r.RequestUri!.AbsolutePath == "/v1/auth/approle/login").Select(x => fake.Bodies[x.i] ?? "").ToArray();
        Assert.Equal(["""{"role_id":"role-7","secret_id":"secret-9"}""", """{"role_id":"role-7","secret_id":"secret-9"}"""], bodies);
        Assert.Equal("acc-2", session.Current?.Accessor);
        await keeper.StopAsync(default);
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Advances the clock a second at a time, each time until the keeper's due work has run, until <paramref name="condition"/>.</summary>
    private static async Task AdvanceUntil(KeeperRig keeper, Func<bool> condition, TimeSpan limit, string what)
    {
        for (var step = TimeSpan.Zero; step < limit && !condition(); step += TimeSpan.FromSeconds(1))
        {
            await keeper.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.True(condition(), $"no {what} within {limit.TotalSeconds:0}s of fake time");
    }

    private static KeeperRig Keeper(FakeVault fake, TimerCountingTimeProvider time, out VaultSession session) =>
        Keeper(fake, time, new StaticToken(), out session);

    private static KeeperRig Keeper(FakeVault fake, TimerCountingTimeProvider time, IAuthMethod auth, out VaultSession session)
    {
        var client = TestVault.Client(fake);
        session = TestVault.Session(client, auth, time);
        var runtime = new VaultRuntime(TestVault.Settings(), client, session);
        var engine = new LifetimeEngine(time, NullLogger<LifetimeEngine>.Instance);
        return new KeeperRig(new VaultTokenKeeper(runtime, engine, new Random(17), time, NullLogger<VaultTokenKeeper>.Instance), engine, time);
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

    /// <summary>The keeper with its engine: advancing the fake clock waits until the work it made due has run.</summary>
    private sealed class KeeperRig(VaultTokenKeeper keeper, LifetimeEngine engine, TimerCountingTimeProvider time) : IDisposable
    {
        public LifetimeEngine Engine => engine;

        public Task StartAsync(CancellationToken cancellationToken) => keeper.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => keeper.StopAsync(cancellationToken);

        public async Task AdvanceAsync(TimeSpan by)
        {
            time.Advance(by);
            await IdleAsync();
        }

        public Task IdleAsync() => Eventually.Until(() => engine.Idle, "the keeper's due work to finish");

        public void Dispose() => engine.Dispose();
    }
}
