using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// Issue 4, acceptance: the sidecar's token has a shorter max TTL (14 s) than the lease (30 s of 60 s). Vault
/// revokes leases with their token, so the credentials must be replaced — under a new token — before the old token
/// dies. A poller checks that the role named in the files exists in PostgreSQL at every moment.
/// A token's max TTL shows only at the first renewal that crosses it: with a 4 s TTL and 10 s max (the issue's
/// figures) that renewal came 1.2 s before the end, and a loaded machine's 1.6 s login let Vault revoke the lease
/// with the old token. A 6 s TTL and 14 s max put the crossing renewal (~8.6 s) ~5 s before the end.
/// </summary>
public sealed class LeaseTokenDeadlineTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_TokenMaxTtlShorterThanLease_CredentialsReplacedBeforeTheTokenDies()
    {
        await using var setup = await LeaseSetup.StartAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        using var workspace = new TempWorkspace();
        var role = setup.AddRole(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(14));
        var config = workspace.WriteConfig(setup.Config(workspace, role, secretOptions: ", revoke_grace: 2s"));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_user")), Eventually.DefaultTimeout, () => run.Transcript);

        var users = new HashSet<string>(StringComparer.Ordinal);
        var checks = 0;
        var missing = new List<string>();
        var until = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(until) < Window)
        {
            var user = workspace.ReadOutput("postgres_user");
            users.Add(user);
            checks++;
            if (!await setup.Postgres.RoleExistsAsync(user))
            {
                missing.Add($"{TimeProvider.System.GetElapsedTime(until).TotalSeconds:0.0}s {user}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        var logins = VaultSetup.Count(setup.Vault, VaultSetup.LoginPath);
        Assert.True(missing.Count == 0, $"the files named a dropped role {missing.Count} of {checks} times: {string.Join(", ", missing)}\n{run.Transcript}");
        Assert.True(users.Count >= 3, $"only {users.Count} credentials in {Window.TotalSeconds:0} s with a 14 s token max TTL\n{run.Transcript}");
        Assert.True(logins >= 3, $"{logins} logins");
        // Every credential read was written (none read twice for one replacement). A replacement may be read just as
        // the loop ends: the files catch up with it within moments, a duplicate read never would.
        await Eventually.Until(
            () =>
            {
                users.Add(workspace.ReadOutput("postgres_user"));
                return users.Count == setup.CredsReads;
            },
            TimeSpan.FromSeconds(5),
            () => $"{setup.CredsReads} credential reads, {users.Count} credentials written\n{run.Transcript}");
        await Eventually.Until(async () => (await setup.DynamicRolesAsync()).Count == 1, TimeSpan.FromSeconds(15), () => setup.Describe());
    }
}
