using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.State;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Leases;

/// <summary>
/// A leased secret on a fake clock against scripted Vault answers: renewals (by its keeper on the lifetime engine)
/// leave the values alone, a capped lease is replaced at its rotation point, the old lease is revoked only after the
/// replacement is written plus the grace, the parent token's end moves the rotation earlier (and a new login comes
/// first), a lost lease asks for a refresh, and state_dir resumes a lease. After each clock advance the test waits
/// until the engine is idle (the keeper's due work ran), never for a guessed time.
/// </summary>
public sealed class LeasedSourceTests : IDisposable
{
    private const string Creds = "GET /v1/database/creds/app";
    private const string Renew = "PUT /v1/sys/leases/renew";
    private const string Revoke = "PUT /v1/sys/leases/revoke";
    private const string Lookup = "GET /v1/auth/token/lookup-self";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly string _state = Directory.CreateTempSubdirectory("r3mes-lease-").FullName;
    private readonly LifetimeEngine _engine;
    private int _refreshRequests;

    public LeasedSourceTests() => _engine = new LifetimeEngine(_time, NullLogger<LifetimeEngine>.Instance);

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Renewals_keep_the_same_credentials_and_ask_for_the_lease_ttl()
    {
        var fake = Vault(tokenTtl: 0).On(Creds, HttpStatusCode.OK, LeaseBody("l1", 60, "v-1"))
            .On(Renew, HttpStatusCode.OK, RenewBody("l1", 60));
        var source = Source(fake);

        var first = await FetchWrittenAsync(source);
        await AdvanceAsync(TimeSpan.FromSeconds(44));
        var second = await FetchWrittenAsync(source);

        Assert.Equal(1, fake.Count(Creds));
        Assert.Equal(1, fake.Count(Renew));
        Assert.Equal("v-1", second.Fields["username"].RevealUtf8());
        Assert.Equal(first.Fields, second.Fields);
        Assert.Contains("\"increment\":\"60\"", fake.Bodies[fake.Requests.FindIndex(r => r.RequestUri!.AbsolutePath == "/v1/sys/leases/renew")], StringComparison.Ordinal);
        Assert.InRange((_engine.NextDue!.Value - _time.GetUtcNow()).TotalSeconds, 42, 44);
        Assert.Equal(Timeout.InfiniteTimeSpan, second.Freshness.RefreshAfter);
        Assert.Equal(0, _refreshRequests);
    }

    [Fact]
    public async Task A_capped_lease_is_replaced_at_its_rotation_point_and_revoked_only_after_the_write_and_the_grace()
    {
        var fake = Vault(tokenTtl: 0)
            .On(Creds, HttpStatusCode.OK, LeaseBody("l1", 4, "v-1")).On(Creds, HttpStatusCode.OK, LeaseBody("l2", 4, "v-2"))
            .On(Renew, HttpStatusCode.OK, RenewBody("l1", 1))
            .On(Revoke, HttpStatusCode.NoContent);
        // A grace that fits before the 4 s lease's end (a longer one moves the rotation earlier: LeaseTimelineTests).
        var source = Source(fake, grace: TimeSpan.FromSeconds(0.5));
        await FetchWrittenAsync(source);

        await AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(1, _refreshRequests);
        var renewed = await FetchWrittenAsync(source);
        Assert.Equal(1, fake.Count(Renew));
        var rotateIn = renewed.Freshness.RefreshAfter!.Value;
        Assert.InRange((_time.GetUtcNow() + rotateIn - Start).TotalSeconds, 4 * 0.80 - 0.01, 4 * 0.90 + 0.01);

        await AdvanceAsync(rotateIn);
        var replacement = await source.FetchAsync(CancellationToken.None);
        Assert.Equal("v-2", replacement.Fields["username"].RevealUtf8());
        Assert.Equal(0, fake.Count(Revoke));

        // Not written yet (say the write failed): the same replacement comes back, no third lease, nothing revoked.
        await AdvanceAsync(TimeSpan.FromSeconds(61));
        Assert.Equal("database/creds/app/l2", (await source.FetchAsync(CancellationToken.None)).Freshness.Lease!.Id);
        Assert.Equal(0, fake.Count(Revoke));
        Assert.Equal(2, fake.Count(Creds));

        await source.WrittenAsync(replacement, CancellationToken.None);
        await IdleAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(0.4));
        Assert.Equal(0, fake.Count(Revoke));

        await AdvanceAsync(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, fake.Count(Revoke));
        Assert.Contains("\"lease_id\":\"database/creds/app/l1\"", fake.Bodies[fake.Requests.FindIndex(r => r.RequestUri!.AbsolutePath == "/v1/sys/leases/revoke")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_one_capped_lease_the_next_is_replaced_at_its_fraction_of_that_max_ttl_not_after_a_capped_renewal()
    {
        // The role's max TTL cuts l1's second renewal (30 s granted of the 60 asked); l2's renewals are never cut, so
        // only the lifetime learned from l1 can make l2's replacement due (before, it waited for a capped renewal that
        // comes as late as a third of a TTL before the end).
        var fake = Vault(tokenTtl: 0)
            .On(Creds, HttpStatusCode.OK, LeaseBody("l1", 60, "v-1")).On(Creds, HttpStatusCode.OK, LeaseBody("l2", 60, "v-2"))
            .On(Creds, HttpStatusCode.OK, LeaseBody("l3", 60, "v-3"))
            .On(Renew, HttpStatusCode.OK, RenewBody("l1", 60)).On(Renew, HttpStatusCode.OK, RenewBody("l1", 30))
            .On(Renew, HttpStatusCode.OK, RenewBody("l2", 60))
            .On(Revoke, HttpStatusCode.NoContent);
        var renewals = new List<DateTimeOffset>();
        fake.Answering = key =>
        {
            if (key == Renew)
            {
                renewals.Add(_time.GetUtcNow());
            }
        };
        var source = Source(fake, grace: TimeSpan.FromSeconds(1));
        var data = await FetchWrittenAsync(source);
        Assert.Equal(Timeout.InfiniteTimeSpan, data.Freshness.RefreshAfter);

        data = await RefreshUntilAsync(source, data, () => fake.Count(Creds) == 2);
        var l2Issued = _time.GetUtcNow();
        var lifetime = renewals[1] + TimeSpan.FromSeconds(30) - Start;
        Assert.Equal("v-2", data.Fields["username"].RevealUtf8());
        var rotateIn = data.Freshness.RefreshAfter!.Value;
        Assert.InRange(rotateIn, lifetime * 0.80 - TimeSpan.FromMilliseconds(10), lifetime * 0.90 + TimeSpan.FromMilliseconds(10));

        data = await RefreshUntilAsync(source, data, () => fake.Count(Creds) == 3);
        Assert.Equal("v-3", data.Fields["username"].RevealUtf8());
        Assert.InRange(_time.GetUtcNow() - (l2Issued + rotateIn), TimeSpan.Zero, Step);
        Assert.True(renewals.Count(r => r > l2Issued) >= 2, "l2 was not kept renewed until its replacement");
    }

    [Fact]
    public async Task The_tokens_end_moves_the_rotation_earlier_and_the_replacement_comes_after_a_new_login()
    {
        // A non-renewable token with 10 s left; the lease alone would live 60 s.
        var fake = Vault(tokenTtl: 10).On(Creds, HttpStatusCode.OK, LeaseBody("l1", 60, "v-1")).On(Creds, HttpStatusCode.OK, LeaseBody("l2", 60, "v-2"));
        var source = Source(fake, grace: TimeSpan.FromSeconds(1));

        var first = await FetchWrittenAsync(source);
        Assert.Equal(Start.AddSeconds(10), first.Freshness.ExpiresAt);
        Assert.InRange(first.Freshness.RefreshAfter!.Value.TotalSeconds, 8.0 - 0.01, 9.0 + 0.01);
        var logins = fake.Count(Lookup);

        await AdvanceAsync(first.Freshness.RefreshAfter!.Value);
        var second = await FetchWrittenAsync(source);

        Assert.Equal("v-2", second.Fields["username"].RevealUtf8());
        Assert.Equal(logins + 1, fake.Count(Lookup));
        var loginIndex = fake.Requests.FindLastIndex(r => r.RequestUri!.AbsolutePath == "/v1/auth/token/lookup-self");
        var credsIndex = fake.Requests.FindLastIndex(r => r.RequestUri!.AbsolutePath == "/v1/database/creds/app");
        Assert.True(loginIndex < credsIndex, "the replacement was read with the dying token");
    }

    [Fact]
    public async Task A_token_deadline_change_reschedules_the_replacement_exactly_once()
    {
        // A renewable token (60 s) whose renewal Vault caps at 20 s: its deadline becomes known, and the lease (60 s,
        // renewable) must now be replaced before it. The keeper is woken by the session and asks for one refresh.
        var fake = new FakeVault().On(Lookup, HttpStatusCode.OK,
                """{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":{"accessor":"acc-1","creation_ttl":60,"ttl":60,"renewable":true},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"token"}""")
            .On("POST /v1/auth/token/renew-self", HttpStatusCode.OK,
                """{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":null,"wrap_info":null,"warnings":null,"auth":{"client_token":"hvs.fixed-test-token","accessor":"acc-1","lease_duration":20,"renewable":true}}""")
            .On(Creds, HttpStatusCode.OK, LeaseBody("l1", 60, "v-1"))
            .On(Renew, HttpStatusCode.OK, RenewBody("l1", 60));
        var runtime = FakeRuntime.Create(fake, time: _time);
        var source = Source(runtime, grace: TimeSpan.FromSeconds(1));
        var before = await FetchWrittenAsync(source);
        Assert.Equal(Timeout.InfiniteTimeSpan, before.Freshness.RefreshAfter);
        Assert.Equal(0, _refreshRequests);

        await runtime.Session.RenewAsync(runtime.Session.Current!, CancellationToken.None);
        await IdleAsync();
        Assert.Equal(1, _refreshRequests);

        // The keeper's later runs (renewals) before the refresh fetched do not ask again for the same move.
        for (var i = 0; i < 5; i++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, _refreshRequests);
        var after = await source.FetchAsync(CancellationToken.None);
        Assert.Equal(Start.AddSeconds(20), after.Freshness.ExpiresAt);
        // Replaced at the rotation fraction (80–90%) of the 20 s the token has left, 5 s of which have passed.
        Assert.InRange(after.Freshness.RefreshAfter!.Value.TotalSeconds, 16.0 - 5 - 0.01, 18.0 - 5 + 0.01);
        Assert.Equal(1, fake.Count(Creds));
    }

    [Fact]
    public async Task Renewal_errors_are_retried_and_after_the_rotation_point_a_replacement_is_fetched()
    {
        var fake = Vault(tokenTtl: 0)
            .On(Creds, HttpStatusCode.OK, LeaseBody("l1", 20, "v-1")).On(Creds, HttpStatusCode.OK, LeaseBody("l2", 20, "v-2"))
            .On(Renew, HttpStatusCode.BadRequest, "{\"errors\":[\"permission denied\"]}")
            .On(Renew, HttpStatusCode.OK, RenewBody("l1", 20));
        var source = Source(fake);
        var data = await FetchWrittenAsync(source);
        var failed = 0;
        while (_time.GetUtcNow() < Start.AddSeconds(20 * 0.95) && fake.Count(Creds) == 1)
        {
            // The secret's refresh runs at the rotation point it was told, or when the keeper asks for it.
            var requests = _refreshRequests;
            var due = data.Freshness.RefreshAfter is { } after && after != Timeout.InfiniteTimeSpan ? _time.GetUtcNow() + after : DateTimeOffset.MaxValue;
            await AdvanceAsync(TimeSpan.FromMilliseconds(100));
            if (_refreshRequests > requests || _time.GetUtcNow() >= due)
            {
                data = await FetchWrittenAsync(source);
                failed++;
            }
        }

        Assert.True(fake.Count(Renew) >= 1);
        Assert.Equal(2, fake.Count(Creds));
        Assert.Equal("v-2", data.Fields["username"].RevealUtf8());
        Assert.True(_time.GetUtcNow() < Start.AddSeconds(20), "replaced only after the lease had expired");
        Assert.True(failed >= 1);
    }

    [Fact]
    public async Task A_restarted_source_resumes_the_lease_from_state_dir_instead_of_issuing_credentials()
    {
        var fake = Vault(tokenTtl: 0).On(Creds, HttpStatusCode.OK, LeaseBody("l1", 60, "v-1")).On(Renew, HttpStatusCode.OK, RenewBody("l1", 60));
        var runtime = FakeRuntime.Create(fake, time: _time);
        await FetchWrittenAsync(Source(runtime));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_state, "lease-postgres.json")));
        }

        var restarted = Source(runtime);
        var resumed = await restarted.FetchAsync(CancellationToken.None);

        Assert.Equal(1, fake.Count(Creds));
        Assert.Equal(1, fake.Count(Renew));
        Assert.Equal("v-1", resumed.Fields["username"].RevealUtf8());
        Assert.Equal("database/creds/app/l1", resumed.Freshness.Lease!.Id);
    }

    [Fact]
    public async Task A_lease_vault_no_longer_knows_is_replaced_at_once()
    {
        var fake = Vault(tokenTtl: 0)
            .On(Creds, HttpStatusCode.OK, LeaseBody("l1", 60, "v-1")).On(Creds, HttpStatusCode.OK, LeaseBody("l2", 60, "v-2"))
            .On(Renew, HttpStatusCode.BadRequest, "{\"errors\":[\"lease not found\"]}");
        var source = Source(fake);
        var data = await FetchWrittenAsync(source);
        Assert.Equal(Timeout.InfiniteTimeSpan, data.Freshness.RefreshAfter);

        await AdvanceAsync(_engine.NextDue!.Value - _time.GetUtcNow());
        Assert.Equal(1, _refreshRequests);
        data = await FetchWrittenAsync(source);

        Assert.Equal("v-2", data.Fields["username"].RevealUtf8());
    }

    [Fact]
    public async Task A_slow_answer_does_not_move_the_lease_end_past_Vaults_so_each_renewal_comes_before_it()
    {
        // Issue 15's lease soak on a loaded machine: Vault's answers took up to a second of a 3 s lease; counted from
        // the answer, the next renewal fell after Vault had ended the lease (400 lease not found, the app's 42704s).
        var fake = Vault(tokenTtl: 0).On(Creds, HttpStatusCode.OK, LeaseBody("l1", 3, "v-1")).On(Renew, HttpStatusCode.OK, RenewBody("l1", 3));
        var sent = new List<DateTimeOffset>();
        fake.Answering = key =>
        {
            if (key is Creds or Renew)
            {
                sent.Add(_time.GetUtcNow());
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        };
        var source = Source(fake, grace: TimeSpan.FromSeconds(0.5));
        await FetchWrittenAsync(source);

        // Vault handled the read at the latest when it answered, a second after it was sent: the lease ends no later
        // than 3 s after the sending, and the renewal must come before that.
        Assert.True(_engine.NextDue < sent[0] + TimeSpan.FromSeconds(3), $"renewal due {(_engine.NextDue!.Value - sent[0]).TotalSeconds:F2} s after the read was sent (3 s lease)");
        for (var renewal = 1; renewal <= 3; renewal++)
        {
            await AdvanceAsync(_engine.NextDue!.Value - _time.GetUtcNow());
            Assert.Equal(renewal, fake.Count(Renew));
            Assert.True(_engine.NextDue < sent[renewal] + TimeSpan.FromSeconds(3), $"renewal {renewal + 1} due {(_engine.NextDue!.Value - sent[renewal]).TotalSeconds:F2} s after renewal {renewal} was sent (3 s granted)");
        }
    }

    [Fact]
    public async Task A_slow_revocation_of_the_replaced_lease_does_not_hold_up_the_renewal_of_the_current_one()
    {
        // Found by the lease process tests on a loaded machine: Vault answers a revocation only after the database ran
        // the revocation statements (3.3 s there); the keeper revoked, then renewed, in one run, so the current lease's
        // renewal came after Vault had ended it (400 lease not found, the app's queries failed with 42704).
        var fake = Vault(tokenTtl: 0)
            .On(Creds, HttpStatusCode.OK, LeaseBody("l1", 4, "v-1")).On(Creds, HttpStatusCode.OK, LeaseBody("l2", 60, "v-2"))
            .On(Renew, HttpStatusCode.OK, RenewBody("l1", 1)).On(Renew, HttpStatusCode.OK, RenewBody("l2", 60))
            .On(Revoke, HttpStatusCode.NoContent);
        var source = Source(fake, grace: TimeSpan.FromSeconds(0.5));
        await FetchWrittenAsync(source);
        await AdvanceAsync(TimeSpan.FromSeconds(3));
        var capped = await FetchWrittenAsync(source);
        await AdvanceAsync(capped.Freshness.RefreshAfter!.Value);
        var replacement = await source.FetchAsync(CancellationToken.None);
        Assert.Equal("v-2", replacement.Fields["username"].RevealUtf8());

        using var revocation = new SemaphoreSlim(0);
        fake.Answering = key =>
        {
            if (key == Revoke)
            {
                revocation.Wait();
            }
        };
        await source.WrittenAsync(replacement, CancellationToken.None);
        await IdleAsync();
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await Eventually.Until(() => fake.Count(Revoke) == 1, "the revocation of l1 to be sent");

        // l2's renewal is due at 2/3 of its 60 s (+ a third of the grace): it must go out while l1's revocation hangs.
        _time.Advance(TimeSpan.FromSeconds(45));
        await Eventually.Until(() => fake.Count(Renew) == 2, "the renewal of l2 while the revocation of l1 is unanswered");
        revocation.Release();
        await IdleAsync();
        Assert.Equal(1, fake.Count(Revoke));
        Assert.Equal("v-2", (await source.FetchAsync(CancellationToken.None)).Fields["username"].RevealUtf8());
    }

    private static DateTimeOffset Start => new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private LeasedSource Source(FakeVault fake, TimeSpan? grace = null) => Source(FakeRuntime.Create(fake, time: _time), grace);

    private LeasedSource Source(VaultRuntime runtime, TimeSpan? grace = null) =>
        new(runtime, ["database", "creds", "app"], "postgres", new LeasePolicy(null, grace ?? TimeSpan.FromSeconds(60)),
            new LeaseStore(new StateFiles(_state), "postgres"), new Random(29), _time, NullLogger.Instance, _engine)
        {
            Changed = () => Interlocked.Increment(ref _refreshRequests),
        };

    private static TimeSpan Step => TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Runs the secret's refresh as the sidecar does — when the last fetch's RefreshAfter comes, or when the keeper
    /// asks — advancing the clock a <see cref="Step"/> at a time until <paramref name="done"/> (at most 10 minutes).
    /// </summary>
    private async Task<SecretData> RefreshUntilAsync(LeasedSource source, SecretData data, Func<bool> done)
    {
        var limit = _time.GetUtcNow().AddMinutes(10);
        var due = Due(data);
        while (!done())
        {
            Assert.True(_time.GetUtcNow() < limit, "nothing happened in 10 minutes");
            var requests = _refreshRequests;
            await AdvanceAsync(Step);
            if (_refreshRequests > requests || _time.GetUtcNow() >= due)
            {
                data = await FetchWrittenAsync(source);
                due = Due(data);
            }
        }

        return data;
    }

    private DateTimeOffset Due(SecretData data) =>
        data.Freshness.RefreshAfter is { } after && after != Timeout.InfiniteTimeSpan ? _time.GetUtcNow() + after : DateTimeOffset.MaxValue;

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await IdleAsync();
    }

    private Task IdleAsync() => Eventually.Until(() => _engine.Idle, "the lease keeper's due work to finish");

    private async Task<SecretData> FetchWrittenAsync(LeasedSource source)
    {
        var data = await source.FetchAsync(CancellationToken.None);
        await source.WrittenAsync(data, CancellationToken.None);
        await IdleAsync();

        // Once written, the source says when the next thing is due (before that it asks to be called back soon).
        return await source.FetchAsync(CancellationToken.None);
    }

    /// <summary>A Vault whose direct token has <paramref name="tokenTtl"/> seconds (0: never expires), not renewable.</summary>
    private static FakeVault Vault(int tokenTtl) => new FakeVault().On(Lookup, HttpStatusCode.OK,
        $$"""{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":{"accessor":"acc-1","creation_ttl":{{tokenTtl}},"ttl":{{tokenTtl}},"renewable":false},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"token"}""");

    private static string LeaseBody(string id, int ttl, string user) =>
        $$"""{"request_id":"r","lease_id":"database/creds/app/{{id}}","renewable":true,"lease_duration":{{ttl}},"data":{"password":"pw-{{user}}","username":"{{user}}"},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"database"}""";

    private static string RenewBody(string id, int ttl) =>
        $$"""{"request_id":"r","lease_id":"database/creds/app/{{id}}","renewable":true,"lease_duration":{{ttl}},"data":null,"wrap_info":null,"warnings":null,"auth":null,"mount_type":"database"}""";
}
