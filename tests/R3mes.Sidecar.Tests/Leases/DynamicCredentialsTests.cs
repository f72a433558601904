using Xunit.Abstractions;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// Issue 4, acceptance: sidecar + example backend + emulator + real PostgreSQL, dynamic credentials with default_ttl
/// 4 s and max_ttl 12 s, for 60 s while a client queries the backend without pause: no failed query across several
/// replacements; afterwards PostgreSQL holds only the current dynamic role and the emulator no other lease.
/// </summary>
public sealed class DynamicCredentialsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_SixtySecondsOfQueries_ZeroFailuresAcrossReplacements_NoLeakedRoleOrLease()
    {
        await using var setup = await LeaseSetup.StartAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12));
        using var workspace = new TempWorkspace();
        var pidFile = workspace.PathOf("backend.pid");
        var config = workspace.WriteConfig(setup.Config(workspace, setup.AddRole(), secretOptions: ", revoke_grace: 2s", onChange: "backend", extra: $$"""
            actions:
              backend: { signal: SIGHUP, process: { pidfile: {{pidFile}} }, wait: { min: 50ms, max: 200ms } }
            """));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_user")) && File.Exists(workspace.OutputFile("postgres_password")),
            Eventually.DefaultTimeout, () => run.Transcript);
        await using var backend = await BackendProcess.StartAsync(workspace.Output, setup.Postgres.Port, pidFile);

        var users = new List<string>();
        var failures = new List<string>();
        var queries = 0;
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < Duration)
        {
            var (ok, body) = await backend.QueryAsync();
            queries++;
            if (!ok)
            {
                failures.Add($"{TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0}s {body}");
            }
            else if (users.Count == 0 || users[^1] != body)
            {
                users.Add(body);
            }
        }

        output.WriteLine($"{queries} queries, {failures.Count} failed, {users.Count - 1} replacements, {setup.CredsReads} credential reads");
        Assert.True(failures.Count == 0, $"{failures.Count} of {queries} queries failed: {string.Join("; ", failures.Take(10))}\n{backend.Output}\n{run.Transcript}");
        Assert.True(users.Count >= 4, $"{users.Count - 1} replacements in {Duration.TotalSeconds:0} s:\n{run.Transcript}");
        Assert.Equal(users.Count, users.Distinct(StringComparer.Ordinal).Count());
        Assert.True(queries > 1000, $"only {queries} queries");

        var current = workspace.ReadOutput("postgres_user");
        await Eventually.Until(async () => (await setup.DynamicRolesAsync()).SequenceEqual([current]) && setup.Vault.LiveLeases == 1,
            TimeSpan.FromSeconds(10), () => $"roles: {string.Join(", ", setup.DynamicRolesAsync().Result)}; leases {setup.Vault.LiveLeases}\n{setup.Describe()}");
    }
}
