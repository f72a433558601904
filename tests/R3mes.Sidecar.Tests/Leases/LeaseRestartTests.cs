using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// Issue 4, acceptance: a restarted sidecar resumes its lease from <c>state_dir</c> (no new PostgreSQL role), and
/// <c>revoke_on_shutdown</c> makes SIGTERM drop the role (its login then fails). Real PostgreSQL, real binary.
/// </summary>
public sealed class LeaseRestartTests
{
    private const int Sigterm = 15;

    [Fact]
    public async Task Run_RestartedMidRun_ResumesTheLeaseAndCreatesNoNewRole()
    {
        await using var setup = await LeaseSetup.StartAsync(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(setup.Config(workspace, setup.AddRole()));

        string user;
        using (var first = SidecarProcess.Start(["run", "-c", config]))
        {
            await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_password")) && File.Exists(workspace.OutputFile("postgres_user")), Eventually.DefaultTimeout, () => first.Transcript);
            user = workspace.ReadOutput("postgres_user");
            first.Signal(Sigterm);
            Assert.Equal(0, await first.WaitForExitAsync(SidecarProcess.ExitTimeout));
        }

        Assert.Equal([user], await setup.DynamicRolesAsync());
        var before = FileStatus.Of(workspace.OutputFile("postgres_password"));
        using var second = SidecarProcess.Start(["run", "-c", config]);
        await second.WaitForOutputAsync("resumed lease");
        await Eventually.Quiet(TimeSpan.FromSeconds(2));

        Assert.Equal(1, setup.CredsReads);
        Assert.Equal([user], await setup.DynamicRolesAsync());
        Assert.Equal(user, workspace.ReadOutput("postgres_user"));
        var after = FileStatus.Of(workspace.OutputFile("postgres_password"));
        Assert.Equal((before.Inode, before.ModifiedNanoseconds), (after.Inode, after.ModifiedNanoseconds));
        Assert.True(setup.Vault.Count("PUT", "/v1/sys/leases/renew") + setup.Vault.Count("POST", "/v1/sys/leases/renew") >= 1, setup.Describe());
    }

    [Fact]
    public async Task Run_RevokeOnShutdown_SigtermDropsTheRoleAndItsLoginFails()
    {
        await using var setup = await LeaseSetup.StartAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(setup.Config(workspace, setup.AddRole(), vaultOptions: "revoke_on_shutdown: true"));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_password")) && File.Exists(workspace.OutputFile("postgres_user")), Eventually.DefaultTimeout, () => run.Transcript);
        var user = workspace.ReadOutput("postgres_user");
        var password = workspace.ReadOutput("postgres_password");
        Assert.True(await setup.Postgres.CanLoginAsync(user, password), "the issued credentials do not work");

        run.Signal(Sigterm);
        Assert.Equal(0, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));

        Assert.Empty(await setup.DynamicRolesAsync());
        Assert.False(await setup.Postgres.CanLoginAsync(user, password));
        Assert.Equal(0, setup.Vault.LiveLeases);
        Assert.Contains("revoked token accessor", run.Transcript, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("state/lease-postgres.json")), "a revoked lease stayed in state_dir");
    }
}
