using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// Issue 4, acceptance: Vault unreachable through a renewal window. While the lease is alive the renewal is retried
/// and succeeds when Vault returns (same credentials, no new role); when Vault stays away past the lease's end, a
/// replacement is read once it returns and the action runs. A reader polling the files never sees them blank.
/// </summary>
public sealed class LeaseVaultDownTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(16);

    [Fact]
    public async Task Run_VaultDownThroughARenewal_RetriedThenAfterExpiryReplaced_FilesNeverBlank()
    {
        await using var setup = await LeaseSetup.StartAsync(Ttl, TimeSpan.FromMinutes(10));
        using var workspace = new TempWorkspace();
        var notifyLog = workspace.PathOf("notify.log");
        var config = workspace.WriteConfig(setup.Config(workspace, setup.AddRole(), secretOptions: ", rotate_at: 0.95",
            extra: $$"""
            actions:
              notify: { command: [/bin/sh, -c, 'echo run >> "{{notifyLog}}"'], wait: { min: 100ms, max: 500ms } }
            """, onChange: "notify"));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_password")) && File.Exists(workspace.OutputFile("postgres_user")), Eventually.DefaultTimeout, () => run.Transcript);
        var user = workspace.ReadOutput("postgres_user");
        await using var poller = new OutputPoller(workspace.OutputFile("postgres_user"), workspace.OutputFile("postgres_password"));

        // Down from just after the first renewal until the second one, due 2/3 of the TTL (+ a third of a 10-20%
        // grace) later, has failed: the lease's backoff retries it (at most a quarter of the remaining time apart)
        // until it succeeds, before the rotation point (>= 0.90 of the TTL with rotate_at 0.95). Vault returns when
        // the failure is seen, not after a fixed time, so a loaded machine cannot push the return past that point.
        await Eventually.Until(() => Renewals(setup) >= 1, Eventually.DefaultTimeout, () => run.Transcript + setup.Describe());
        await setup.Vault.StopListeningAsync();
        await Eventually.Until(() => RenewalFailures(run) >= 1, Ttl, () => run.Transcript + setup.Describe());
        Assert.Equal(1, Renewals(setup));
        await setup.Vault.ResumeListeningAsync();
        await Eventually.Until(() => Renewals(setup) >= 2, Ttl, () => run.Transcript + setup.Describe());
        Assert.True(setup.CredsReads == 1, "the lease was replaced instead of renewed:\n" + run.Transcript + setup.Describe());
        Assert.Equal(user, workspace.ReadOutput("postgres_user"));

        // Down for longer than the lease lives: it expires (the emulator drops the role); a replacement follows.
        await setup.Vault.StopListeningAsync();
        await Eventually.Quiet(Ttl + TimeSpan.FromSeconds(2));
        Assert.Equal(user, workspace.ReadOutput("postgres_user"));
        await setup.Vault.ResumeListeningAsync();
        await Eventually.Until(() => workspace.ReadOutput("postgres_user") != user, TimeSpan.FromSeconds(30), () => run.Transcript + setup.Describe());
        // The first render created the files (no action); the replacement runs it.
        await Eventually.Until(() => File.Exists(notifyLog) && File.ReadAllLines(notifyLog).Length >= 1, TimeSpan.FromSeconds(5), () => run.Transcript);

        Assert.Equal(0, poller.Bad);
        Assert.True(poller.Reads > 100, $"only {poller.Reads} reads");
        Assert.Equal([workspace.ReadOutput("postgres_user")], await setup.DynamicRolesAsync());
        Assert.True(await setup.Postgres.CanLoginAsync(workspace.ReadOutput("postgres_user"), workspace.ReadOutput("postgres_password")));
    }

    private static int Renewals(LeaseSetup setup) => VaultSetup.Count(setup.Vault, "/v1/sys/leases/renew");

    private static int RenewalFailures(SidecarProcess run) =>
        run.Transcript.Split('\n').Count(line => line.Contains("renewing lease", StringComparison.Ordinal) && line.Contains("retrying", StringComparison.Ordinal));
}
