using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;
using R3mes.Sidecar.Tests.Vault;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), promise (c) "backoff capped and jittered" over an outage far longer than a
/// process test can wait: the real refresh pipeline, token keeper and lease keeper (<see cref="FakeClockSidecar"/>:
/// the product's registrations on a fake clock and seeded randomness) against the Vault emulator behind a
/// <see cref="FaultProxy"/> that refuses connections for more than 40 fake minutes. The delays are measured — the
/// fake time of each failed attempt minus the one before — not read from what the sidecar says it will wait.
/// docs/retries.md is the table these tests hold the code to.
/// </summary>
public sealed class BackoffCapTests
{
    private const int RefreshFailed = 2010;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(40);
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Refused_for_40_minutes__refresh_delays_double_from_1s_to_a_jittered_5_minute_plateau_and_four_sidecars_never_attempt_in_lockstep()
    {
        const int Sidecars = 4;
        var clock = new FakeTimeProvider(Epoch);
        await using var vault = await VaultSetup.StartAsync(new VaultEmulatorOptions { Time = clock });
        VaultSetup.WriteApp(vault, "jwt-first-7c1a", "api-first-7c1a");
        await using var proxy = FaultProxy.Start(vault.Address.Port);
        using var workspace = new TempWorkspace();
        File.WriteAllText(workspace.PathOf("token"), vault.RootToken + "\n");
        var sidecars = new List<FakeClockSidecar>();
        try
        {
            for (var i = 0; i < Sidecars; i++)
            {
                Directory.CreateDirectory(workspace.PathOf($"out{i}"));
                sidecars.Add(await FakeClockSidecar.StartAsync(KvConfig(proxy, $"out{i}", "{ method: token, token_file: token }"), workspace.Root, clock, seed: 4100 + i));
            }

            Assert.All(Enumerable.Range(0, Sidecars), i => Assert.Equal("jwt-first-7c1a", File.ReadAllText(workspace.PathOf($"out{i}/jwt_secret"))));

            proxy.Switch(FaultMode.Refuse);
            var start = clock.GetUtcNow();
            while (clock.GetUtcNow() - start < Outage)
            {
                await FakeClockSidecar.StepAsync(clock, sidecars);
            }

            var attempts = sidecars.Select(s => Times(s, RefreshFailed)).ToArray();
            for (var i = 0; i < Sidecars; i++)
            {
                var context = $"sidecar {i}:\n{sidecars[i].Log.Describe(start)}";
                FaultPromises.AssertCapped(Delays(attempts[i]), plateau: 3, context);
                Assert.True(attempts[i][0] - start <= TimeSpan.FromSeconds(1.1), "(c) the first attempt after the fault is the 1 s refresh:\n" + context);
                Assert.Equal("jwt-first-7c1a", File.ReadAllText(workspace.PathOf($"out{i}/jwt_secret")));
                var status = sidecars[i].Status(FaultCell.Secret);
                Assert.True(status.State(clock.GetUtcNow()) == SecretState.Stale && status.Failures == attempts[i].Count,
                    $"(d) state {status.State(clock.GetUtcNow())}, {status.Failures} failures for {attempts[i].Count} attempts:\n{context}");
                Assert.DoesNotContain("first-7c1a", status.LastError!, StringComparison.Ordinal);
            }

            // Not in lockstep: started by the same fault at the same instant, no two sidecars keep attempting together.
            var sequences = attempts.Select(a => string.Join(' ', a.Select(t => (t - start).Ticks))).ToArray();
            Assert.Equal(Sidecars, sequences.Distinct(StringComparer.Ordinal).Count());
            var last = attempts.Min(a => a.Count) - 1;
            var spread = attempts.Max(a => a[last]) - attempts.Min(a => a[last]);
            Assert.True(spread > TimeSpan.FromSeconds(10), $"attempt {last + 1} of the four sidecars lies within {spread}: they retry in lockstep");

            // (e) Recovery without a restart: the next value is written within one capped delay.
            VaultSetup.WriteApp(vault, "jwt-next-7c1a", "api-next-7c1a");
            proxy.Switch(FaultMode.Pass);
            var healed = clock.GetUtcNow();
            // Only the sidecars still failing are stepped: the others refresh every second meanwhile, in the background.
            while (sidecars.Where(s => s.Status(FaultCell.Secret).State(clock.GetUtcNow()) != SecretState.Ok).ToArray() is { Length: > 0 } failing
                && clock.GetUtcNow() - healed <= TimeSpan.FromMinutes(7))
            {
                await FakeClockSidecar.StepAsync(clock, failing);
            }

            foreach (var sidecar in sidecars)
            {
                await sidecar.IdleAsync();
            }

            Assert.All(Enumerable.Range(0, Sidecars), i => Assert.Equal("jwt-next-7c1a", File.ReadAllText(workspace.PathOf($"out{i}/jwt_secret"))));
            Assert.True(clock.GetUtcNow() - healed <= TimeSpan.FromMinutes(6), $"recovered {clock.GetUtcNow() - healed} after the fault cleared");
        }
        finally
        {
            foreach (var sidecar in sidecars)
            {
                await sidecar.DisposeAsync();
            }
        }
    }

    /// <summary>The Vault config of these cells: one KV secret through the proxy, refreshed every second.</summary>
    private static string KvConfig(FaultProxy proxy, string output, string auth) => $$"""
        output: { dir: {{output}} }
        vault:
          address: {{proxy.Address}}
          auth: {{auth}}
        secrets:
          - name: {{FaultCell.Secret}}
            source: { vault: secret/r3mes/app }
            files: { jwt_secret: {} }
            refresh: 1s
        """;

    private static List<DateTimeOffset> Times(FakeClockSidecar sidecar, int eventId) => [.. sidecar.Log.Times(eventId)];

    private static TimeSpan[] Delays(IReadOnlyList<DateTimeOffset> attempts) => [.. attempts.Zip(attempts.Skip(1), (a, b) => b - a)];
}
