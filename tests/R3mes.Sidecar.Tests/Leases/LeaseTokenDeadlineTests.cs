using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// Issue 4, acceptance: the sidecar's token has a shorter max TTL (10 s) than the lease (30 s of 60 s). Vault
/// revokes leases with their token, so the credentials must be replaced — under a new token — before the old token
/// dies. A poller checks that the role named in the files exists in PostgreSQL at every moment.
/// </summary>
public sealed class LeaseTokenDeadlineTests
{
    [Fact]
    public async Task Run_TokenMaxTtlShorterThanLease_CredentialsReplacedBeforeTheTokenDies()
    {
        await using var setup = await LeaseSetup.StartAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        using var workspace = new TempWorkspace();
        var role = setup.AddRole(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
        var config = workspace.WriteConfig(setup.Config(workspace, role, secretOptions: ", revoke_grace: 2s"));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_user")), Eventually.DefaultTimeout, () => run.Transcript);

        var users = new HashSet<string>(StringComparer.Ordinal);
        var checks = 0;
        var missing = new List<string>();
        var until = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(until) < TimeSpan.FromSeconds(25))
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
        Assert.True(users.Count >= 3, $"only {users.Count} credentials in 25 s with a 10 s token max TTL\n{run.Transcript}");
        Assert.True(logins >= 3, $"{logins} logins");
        Assert.Equal(users.Count, setup.CredsReads);
        await Eventually.Until(async () => (await setup.DynamicRolesAsync()).Count == 1, TimeSpan.FromSeconds(15), () => setup.Describe());
    }
}
