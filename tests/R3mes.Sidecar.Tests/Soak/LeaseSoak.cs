using R3mes.Sidecar.Tests.Leases;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Soak;

/// <summary>
/// Issue 15, standing suite 5: the lease life compressed — dynamic PostgreSQL credentials of a few seconds with a short max TTL,
/// the sidecar renewing and replacing them, the example backend switching pools on SIGHUP, a client querying it
/// without pause — observed from outside: PostgreSQL's roles (polled), the queries' users, /proc of the sidecar.
/// Used by the CI test (2 minutes) and by <c>bench/soak.sh</c> (an hour).
/// </summary>
internal static class LeaseSoak
{
    /// <summary>
    /// The credentials' TTL (R3MES_SOAK_TTL seconds; 9 in CI, 3 in <c>bench/soak.sh</c>); max TTL is three times it and
    /// <c>revoke_grace</c> a third of it. A capped lease shows its max TTL only at the renewal that is granted less than
    /// asked, about a third of a TTL before Vault ends it (docs/CONTRACT.md §6): that third is the app's time to switch
    /// pools. 3 s leaves ~1 s, which a 2-core machine running the whole suite does not always give a JIT-started backend.
    /// </summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(
        Environment.GetEnvironmentVariable("R3MES_SOAK_TTL") is { } ttl ? int.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture) : 9);

    public static readonly TimeSpan MaxTtl = Ttl * 3;

    /// <summary>How often the sidecar's RSS, thread count and thread names are read from /proc.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RevokeGrace = Ttl / 3;

    /// <summary>How often a long soak hands <c>progress</c> its results so far (a run cut short still leaves them).</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMinutes(5);

    /// <param name="duration">How long the backend is queried.</param>
    /// <param name="progress">Given the results so far every five minutes (leaked roles are only known at the end).</param>
    public static async Task<SoakResult> RunAsync(TimeSpan duration, Func<SoakResult, Task>? progress = null)
    {
        await using var setup = await LeaseSetup.StartAsync(Ttl, MaxTtl);
        using var workspace = new TempWorkspace();
        var pidFile = workspace.PathOf("backend.pid");
        var config = workspace.WriteConfig(setup.Config(workspace, setup.AddRole(), secretOptions: $", revoke_grace: {RevokeGrace.TotalMilliseconds:0}ms", onChange: "backend", extra: $$"""
            actions:
              backend: { signal: SIGHUP, process: { pidfile: {{pidFile}} }, wait: { min: 50ms, max: 200ms } }
            """));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_user")) && File.Exists(workspace.OutputFile("postgres_password")),
            Eventually.DefaultTimeout, () => run.Transcript);
        await using var backend = await BackendProcess.StartAsync(workspace.Output, setup.Postgres.Port, pidFile);

        var started = TimeProvider.System.GetTimestamp();
        var startedAt = TimeProvider.System.GetUtcNow();
        var machine = SoakMachine.Now(startedAt, SidecarBinary.Path);
        var roles = new RoleTimeline();
        using var stop = new CancellationTokenSource();
        var watching = roles.WatchAsync(setup.Postgres, started, stop.Token);
        var samples = new List<ProcessSample>();
        var sampling = SampleAsync(run.Id, started, samples, stop.Token);
        var queries = new List<QueryRecord>();
        SoakResult Snapshot(IReadOnlyList<string> leaked)
        {
            var retries = backend.Output.Split('\n').Count(l => l.Contains("authentication failed", StringComparison.Ordinal));
            // A replaced lease that Vault ended itself (max TTL) was never given its revoke_grace: the app's time to switch was
            // whatever was left of the lease when the replacement was written (the soak's 42704s).
            var expired = setup.Vault.ExpiredLeases.Where(id => id.StartsWith(LeaseSetup.CredsPath + "/", StringComparison.Ordinal)).ToArray();
            ProcessSample[] sampled;
            lock (samples)
            {
                sampled = [.. samples];
            }

            return new SoakResult(TimeProvider.System.GetElapsedTime(started), MaxTtl, roles.Roles, [.. queries], sampled, leaked, retries, expired, machine.Ended());
        }

        var reported = TimeSpan.Zero;
        var reporting = Task.CompletedTask;
        while (TimeProvider.System.GetElapsedTime(started) < duration && !run.HasExited)
        {
            var at = TimeProvider.System.GetElapsedTime(started);
            var (ok, body) = await backend.QueryAsync();
            queries.Add(new QueryRecord(at, ok, body));
            if (progress is not null && at - reported >= ProgressInterval && reporting.IsCompleted)
            {
                // Written beside the query loop, not in it: an inline report over a million queries paused the loop for
                // seconds, and rotations in that pause looked like roles revoked before the app used the next.
                reported = at;
                var snapshot = Snapshot([]);
                reporting = Task.Run(() => progress(snapshot));
            }
        }

        await reporting;

        await stop.CancelAsync();
        await Task.WhenAll(watching, sampling);
        Assert.False(run.HasExited, "the sidecar exited during the soak:\n" + run.Transcript);

        // At the end only the role in the files may exist, and only its lease.
        var current = workspace.ReadOutput("postgres_user");
        IReadOnlyList<string> leaked = [];
        try
        {
            await Eventually.Until(async () => (await setup.DynamicRolesAsync()).SequenceEqual([current]) && setup.Vault.LiveLeases == 1, TimeSpan.FromSeconds(10), () => "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            leaked = [.. (await setup.DynamicRolesAsync()).Where(r => r != current)];
        }

        if (Environment.GetEnvironmentVariable("R3MES_SOAK_LOGS") is { } logs)
        {
            // The raw material behind a failed invariant: the sidecar's and the backend's output, each role's life.
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, "sidecar.log"), run.Transcript);
            await File.WriteAllTextAsync(Path.Combine(logs, "backend.log"), backend.Output);
            await File.WriteAllLinesAsync(Path.Combine(logs, "roles.txt"), [$"t=0 at {startedAt:HH:mm:ss.fff} UTC", .. roles.Roles.Select(r => $"{r.Appeared.TotalSeconds:F2} {(r.Gone is { } g ? g.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-")} {r.Role}")]);
            await File.WriteAllLinesAsync(Path.Combine(logs, "failed.txt"), queries.Where(q => !q.Ok).Select(q => $"{q.Started.TotalSeconds:F3} {q.Body}"));
        }

        return Snapshot(leaked);
    }

    private static async Task SampleAsync(int pid, long started, List<ProcessSample> samples, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (ProcessSample.Read(pid, TimeProvider.System.GetElapsedTime(started)) is { } sample)
            {
                lock (samples)
                {
                    samples.Add(sample);
                }
            }

            try
            {
                await Task.Delay(SampleInterval, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
