using R3mes.Sidecar.Tests.Leases;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1): the real PostgreSQL behind Vault's database engine is down when a dynamic
/// credential must be rotated. Vault answers 500 (it cannot create the role); the sidecar keeps the current
/// credentials (the lease still lives), reports <c>server</c>, backs off, and rotates once PostgreSQL is back — to
/// credentials that log in.
/// </summary>
public sealed class DatabaseFaultTests
{
    /// <summary>Capped at the TTL, replaced at 10% of it: the rotation is due 4 s after the first read, the lease ends at 40 s.</summary>
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Postgres_down_during_a_rotation__keeps_the_live_credentials_reports_server_and_rotates_when_back()
    {
        await using var setup = await LeaseSetup.StartAsync(Ttl, Ttl);
        using var workspace = new TempWorkspace();
        var auth = VaultSetup.AppRoleAuth(workspace, setup.Vault, setup.AddRole(), wrapped: false);
        var port = FreePort.Next();
        string Config(string dir, string listen) => $$$"""
            output: { dir: {{{dir}}} }
            log: { level: debug }
            retry_budget: 3s
            {{{listen}}}
            vault:
              address: {{{setup.Vault.Address}}}
              auth: {{{auth}}}
            secrets:
              - name: {{{FaultCell.Secret}}}
                source: { vault: {{{LeaseSetup.CredsPath}}}, rotate_at: 0.1 }
                files: { postgres_user: "{{ username }}", postgres_password: "{{ password }}" }
            """;
        Directory.CreateDirectory(workspace.PathOf("out-once"));
        var config = workspace.WriteConfig(Config("out", $"listen: 127.0.0.1:{port}"));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_password")) && File.Exists(workspace.OutputFile("postgres_user")), Eventually.DefaultTimeout, () => run.Transcript);
        var first = new Dictionary<string, string> { ["postgres_user"] = workspace.ReadOutput("postgres_user"), ["postgres_password"] = workspace.ReadOutput("postgres_password") };
        var cell = new FaultCell
        {
            Workspace = workspace,
            Run = run,
            Endpoints = new LocalEndpoints(port),
            Backend = "vault",
            First = first,
            Next = new Dictionary<string, string>(),
            PublishAsync = () => Task.CompletedTask,
            OnceConfig = workspace.WriteConfig(Config("out-once", ""), "once.yaml"),
            OnceOutput = workspace.PathOf("out-once"),
        };
        var fault = Fault.Of("server", backendDown: true, () => { }, () => { });
        var watch = new CompleteFilesWatch(cell.Paths(first));
        try
        {
            await setup.Postgres.StopAsync();
            using var once = SidecarProcess.Start(["once", "-c", cell.OnceConfig]);
            await run.WaitForOutputAsync($"refreshing secret {FaultCell.Secret} failed ({fault.Failures} in a row)", FaultPromises.FailureTimeout);

            Assert.True(cell.Holds(first), "(b) the live credentials stay:\n" + run.Transcript);
            await FaultPromises.AssertReportedAsync(cell, fault);
            FaultPromises.AssertBackoff(FaultPromises.RetryDelays(run.Transcript, FaultCell.Secret), fault.Failures, run.Transcript);
            await FaultPromises.AssertOnceGivesUpAsync(cell, once);
            Assert.False(File.Exists(Path.Combine(cell.OnceOutput, "postgres_user")));

            watch.Allow(workspace.OutputFile("postgres_user"), u => u.StartsWith(LeaseSetup.RolePrefix, StringComparison.Ordinal) && u != first["postgres_user"]);
            watch.Allow(workspace.OutputFile("postgres_password"), p => p.Length >= 20 && p != first["postgres_password"]);
            await setup.Postgres.ResumeAsync();
            await Eventually.Until(
                async () => workspace.ReadOutput("postgres_user") != first["postgres_user"] &&
                    await setup.Postgres.CanLoginAsync(workspace.ReadOutput("postgres_user"), workspace.ReadOutput("postgres_password")),
                FaultPromises.RecoveryTimeout,
                () => "(e) no rotation after PostgreSQL came back:\n" + run.Transcript + setup.Describe());
            await Eventually.Until(async () => (string?)(await cell.Endpoints.SecretAsync(FaultCell.Secret))["state"] == "ok", FaultPromises.RecoveryTimeout, () => run.Transcript);
            await run.WaitForOutputAsync($"secret {FaultCell.Secret} recovered");
            Assert.False(run.HasExited, run.Transcript);
        }
        finally
        {
            await watch.DisposeAsync();
        }

        Assert.True(watch.Bad == 0, $"(a) {watch.Bad} of {watch.Reads} reads saw a blank or partial file, first: {watch.FirstBad}");
        Assert.True(watch.Reads > 100, $"(a) only {watch.Reads} reads");
    }
}
