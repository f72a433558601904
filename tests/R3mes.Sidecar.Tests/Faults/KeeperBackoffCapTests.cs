using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;
using R3mes.Sidecar.Tests.Vault;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// docs/retries.md's table for the two Vault keepers under an outage of hours (fake clock, <see cref="FakeClockSidecar"/>,
/// Vault refused by a <see cref="FaultProxy"/>): the token keeper, whose failed renewal turns into logins that back
/// off 1 s … 5 min ±20%; and a lease's renewal, which backs off the same way but never waits more than a quarter of
/// the lease's remaining time. Delays are measured between the fake times the failures were logged at.
/// </summary>
public sealed partial class KeeperBackoffCapTests
{
    private const int LoginFailed = 4010;
    private const int TokenRenewFailed = 4013;
    private const int LeaseRenewFailed = 4202;
    private const int RefreshFailed = 2010;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Token_keeper_refused_for_hours__a_failed_renewal_turns_into_logins_backing_off_to_a_jittered_5_minute_cap()
    {
        var clock = new FakeTimeProvider(Epoch);
        await using var vault = await VaultSetup.StartAsync(new VaultEmulatorOptions { Time = clock });
        VaultSetup.WriteApp(vault, "jwt-token-e2b9", "api-token-e2b9");
        await using var proxy = FaultProxy.Start(vault.Address.Port);
        using var workspace = new TempWorkspace();
        var auth = VaultSetup.AppRoleAuth(workspace, vault, VaultSetup.AddRole(vault, TimeSpan.FromHours(2)), wrapped: false);
        Directory.CreateDirectory(workspace.Output);
        await using var sidecar = await FakeClockSidecar.StartAsync($$"""
            output: { dir: out }
            vault:
              address: {{proxy.Address}}
              auth: {{auth}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
                refresh: 30m
            """, workspace.Root, clock, seed: 4200);
        Assert.Equal("jwt-token-e2b9", workspace.ReadOutput("jwt_secret"));

        proxy.Switch(FaultMode.Refuse);
        var start = clock.GetUtcNow();
        while (sidecar.Log.Times(LoginFailed).Count < 15 && clock.GetUtcNow() - start < TimeSpan.FromHours(5))
        {
            await FakeClockSidecar.StepAsync(clock, [sidecar]);
        }

        var context = sidecar.Log.Describe(start);
        var renewals = sidecar.Log.Times(TokenRenewFailed);
        var logins = sidecar.Log.Times(LoginFailed);
        Assert.True(renewals.Count >= 1, "the token keeper never tried to renew during the outage:\n" + context);
        Assert.True(logins.Count >= 15, $"{logins.Count} failed logins in {clock.GetUtcNow() - start}:\n" + context);
        // A failed renewal waits its backoff (10 s first) before the keeper decides to renew again or log in.
        Assert.True(logins[0] - renewals[0] >= TimeSpan.FromSeconds(8), $"the first login came {logins[0] - renewals[0]} after the failed renewal:\n" + context);
        Assert.True(renewals.All(r => r < logins[0]), "renewals after the keeper turned to logins:\n" + context);
        FaultPromises.AssertCapped([.. logins.Zip(logins.Skip(1), (a, b) => b - a)], plateau: 3, context);
        Assert.Equal("jwt-token-e2b9", workspace.ReadOutput("jwt_secret"));
    }

    [Fact]
    public async Task Lease_renewal_refused_for_hours__backs_off_to_a_jittered_5_minute_cap_never_past_a_quarter_of_the_time_left()
    {
        var clock = new FakeTimeProvider(Epoch);
        await using var vault = await VaultSetup.StartAsync(new VaultEmulatorOptions { Time = clock });
        vault.EnableLeasedEngine("rabbitmq", TimeSpan.FromHours(4), TimeSpan.FromHours(48));
        await using var proxy = FaultProxy.Start(vault.Address.Port);
        using var workspace = new TempWorkspace();
        File.WriteAllText(workspace.PathOf("token"), vault.RootToken + "\n");
        Directory.CreateDirectory(workspace.Output);
        await using var sidecar = await FakeClockSidecar.StartAsync($$"""
            output: { dir: out }
            vault:
              address: {{proxy.Address}}
              auth: { method: token, token_file: token }
            secrets:
              - name: queue
                source: { vault: rabbitmq/creds/app }
                files: { username: {}, password: {} }
            """, workspace.Root, clock, seed: 4300);
        var username = workspace.ReadOutput("username");

        proxy.Switch(FaultMode.Refuse);
        var start = clock.GetUtcNow();
        var expires = start + TimeSpan.FromHours(4);
        while (clock.GetUtcNow() < expires)
        {
            await FakeClockSidecar.StepAsync(clock, [sidecar]);
        }

        var context = sidecar.Log.Describe(start);
        var failures = sidecar.Log.Entries.Where(e => e.EventId == LeaseRenewFailed).ToArray();
        Assert.True(failures.Length >= 12, $"{failures.Length} failed renewals:\n" + context);
        var capped = 0;
        for (var n = 1; n < failures.Length; n++)
        {
            var delay = failures[n].At - failures[n - 1].At;
            var left = TimeSpan.FromSeconds(double.Parse(Remaining().Match(failures[n - 1].Message).Groups[1].Value, CultureInfo.InvariantCulture));
            var quarter = left / 4 > TimeSpan.FromMilliseconds(250) ? left / 4 : TimeSpan.FromMilliseconds(250);
            var nominal = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, n - 1)));
            var why = $"retry {n} waited {delay} with {left} left (backoff {nominal} ±20%, a quarter of the time left {quarter}):\n{context}";
            Assert.True(delay <= TimeSpan.FromMinutes(6) && delay <= quarter + TimeSpan.FromSeconds(0.5), "(c) " + why);
            Assert.True((delay >= nominal * 0.8 && delay <= nominal * 1.2) || delay >= quarter - TimeSpan.FromSeconds(0.5), "(c) " + why);
            capped += nominal == TimeSpan.FromMinutes(5) && delay < quarter - TimeSpan.FromSeconds(0.5) ? 1 : 0;
        }

        Assert.True(capped >= 3, $"only {capped} renewal retries sat at the 5 min cap:\n" + context);
        var plateau = failures.Zip(failures.Skip(1), (a, b) => b.At - a.At).Where(d => d >= TimeSpan.FromMinutes(4)).ToArray();
        Assert.True(plateau.Distinct().Count() > 1, "(c) the capped renewal retries are all equal: no jitter:\n" + context);
        // The last retry may land up to the 250 ms minimum past the end; the replacement was sought long before.
        Assert.True(failures[^1].At <= expires + TimeSpan.FromMilliseconds(250), "renewals went on past the lease's end:\n" + context);
        var replacement = sidecar.Log.Times(RefreshFailed).DefaultIfEmpty(DateTimeOffset.MaxValue).First();
        Assert.True(replacement < expires - TimeSpan.FromMinutes(10), "no replacement was sought well before the lease ended:\n" + context);
        Assert.Equal(username, workspace.ReadOutput("username"));
    }

    [GeneratedRegex(@"failed \((\d+)s left\)")]
    private static partial Regex Remaining();
}
