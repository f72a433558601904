using System.Globalization;
using System.Text;

namespace R3mes.Sidecar.Tests.Soak;

/// <summary>What a lease soak measured, and the invariants it checks (each a list of violations, empty when held).</summary>
internal sealed record SoakResult(
    TimeSpan Duration,
    TimeSpan MaxTtl,
    IReadOnlyList<(string Role, TimeSpan Appeared, TimeSpan? Gone)> Roles,
    IReadOnlyList<QueryRecord> Queries,
    IReadOnlyList<ProcessSample> Samples,
    IReadOnlyList<string> LeakedRoles,
    int RevokedRoleRetries,
    IReadOnlyList<string> ExpiredLeases,
    SoakMachine Machine)
{
    public int Rotations => Math.Max(0, Roles.Count - 1);

    public int Failures => Queries.Count(q => !q.Ok);

    /// <summary>Failed queries by cause: the backend's SQLSTATE ("query failed: 42704"), else the HTTP failure.</summary>
    public IReadOnlyList<(string Cause, int Count)> FailuresByCause =>
        [.. Queries.Where(q => !q.Ok).GroupBy(q => q.Body.StartsWith(FailurePrefix, StringComparison.Ordinal) ? q.Body[FailurePrefix.Length..].Trim() : q.Body, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count()))];

    /// <summary>Each role's successor appeared before the role reached its max TTL.</summary>
    public IReadOnlyList<string> LateReplacements =>
        [.. Roles.Zip(Roles.Skip(1)).Where(p => p.Second.Appeared >= p.First.Appeared + MaxTtl)
            .Select(p => $"{p.Second.Role} appeared {Seconds(p.Second.Appeared - p.First.Appeared)} after {p.First.Role} (max TTL {Seconds(MaxTtl)})")];

    /// <summary>
    /// The app ran a query as a newer role before the role was dropped (revoked): as its successor, or a later one when
    /// two replacements came within one reload. One pass over the queries: an hour's soak holds millions.
    /// </summary>
    public IReadOnlyList<string> RevokedBeforeReload
    {
        get
        {
            var switched = FirstQueryAsNewer();
            return [.. Roles.Take(Roles.Count - 1).Select((role, i) => (role, next: switched[i + 1]))
                .Where(p => p.role.Gone is { } gone && !(p.next is { } at && at < gone))
                .Select(p => $"{p.role.Role} dropped at {Seconds(p.role.Gone!.Value)}, app's first query as a newer role at {(p.next is { } at ? Seconds(at) : "never")}")];
        }
    }

    /// <summary>Queries that started after the role they ran as had been dropped.</summary>
    public IReadOnlyList<string> QueriesOnRevokedRoles
    {
        get
        {
            var gone = Roles.Where(r => r.Gone is not null).ToDictionary(r => r.Role, r => r.Gone!.Value, StringComparer.Ordinal);
            return [.. Queries.Where(q => q.Ok && gone.TryGetValue(q.Body, out var at) && q.Started > at + TimeSpan.FromMilliseconds(200))
                .Select(q => $"query at {Seconds(q.Started)} ran as {q.Body}, dropped at {Seconds(gone[q.Body])}")];
        }
    }

    public (double First, double Last) RssMb => Quartiles(s => s.RssKb / 1024.0);

    public (double First, double Last) Threads => Quartiles(s => s.Threads);

    public SampleSeries RssSeries => SampleSeries.Of(Samples, s => s.RssKb / 1024.0);

    public SampleSeries ThreadSeries => SampleSeries.Of(Samples, s => s.Threads);

    private const string FailurePrefix = "query failed:";

    public string Markdown(string command)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Lease soak results\n\n`{command}`: the sidecar ({Seconds(LeaseSoak.Ttl)} dynamic PostgreSQL credentials, max TTL {Seconds(MaxTtl)}) on the Vault emulator's database engine and a real PostgreSQL, the example backend (`examples/backend`, RotatingNpgsqlDataSource) queried without pause.\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"- started: {Machine.Started:yyyy-MM-dd HH:mm:ss} UTC; commit: {Machine.Commit}; sidecar: `{Machine.Binary}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Machine.Description}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- load average (1/5/15 min) at the start: {Machine.LoadAtStart}; at the end: {Machine.LoadAtEnd}\n");
        text.AppendLine("| measure | value | must be |\n|---|---:|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| duration | {Seconds(Duration)} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| replacements (new roles) | {Rotations} | ≥ one per max TTL ({(int)(Duration / MaxTtl)}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| replacements after max TTL | {LateReplacements.Count} | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queries | {Queries.Count} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| failed queries | {Failures}{(Failures == 0 ? "" : " (" + string.Join(", ", FailuresByCause.Select(f => $"{f.Cause}: {f.Count}")) + ")")} | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queries retried by the backend because their role was gone (28P01/28000/42704) | {RevokedRoleRetries} | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queries on a dropped role | {QueriesOnRevokedRoles.Count} | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| roles revoked before the app reloaded (ran its first query as the next) | {RevokedBeforeReload.Count} | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| leases ended by Vault at their max TTL, not revoked after the grace | {ExpiredLeases.Count} | reported |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| leaked roles at the end | {LeakedRoles.Count} | 0 |");
        AppendSeries(text, "sidecar RSS (MB)", RssSeries);
        AppendSeries(text, "sidecar threads", ThreadSeries);
        foreach (var (title, violations) in new[] { ("Late replacements", LateReplacements), ("Revoked before the reload", RevokedBeforeReload), ("Queries on dropped roles", QueriesOnRevokedRoles), ("Leaked roles", LeakedRoles), ("Leases Vault ended", ExpiredLeases) })
        {
            if (violations.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"\n{title} (first 10 of {violations.Count}):\n");
                foreach (var line in violations.Take(10))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
                }
            }
        }

        if (Samples.Count > 0)
        {
            var most = Samples.MaxBy(s => s.Threads)!;
            text.AppendLine("\nThe sidecar's threads by name (`/proc/PID/task/*/comm`):\n");
            text.AppendLine(CultureInfo.InvariantCulture, $"- first sample ({Samples[0].At.TotalSeconds:F0} s, {Samples[0].Threads}): {Samples[0].ThreadNames}");
            text.AppendLine(CultureInfo.InvariantCulture, $"- most threads ({most.At.TotalSeconds:F0} s, {most.Threads}): {most.ThreadNames}");
            text.AppendLine(CultureInfo.InvariantCulture, $"- last sample ({Samples[^1].At.TotalSeconds:F0} s, {Samples[^1].Threads}): {Samples[^1].ThreadNames}");
        }

        var stride = Math.Max(1, (Samples.Count + 59) / 60);
        text.AppendLine(CultureInfo.InvariantCulture, $"\nRSS and threads over time (sampled every {LeaseSoak.SampleInterval.TotalSeconds:F0} s; one sample in {stride}, and the last):\n\n| t (s) | RSS (MB) | threads |\n|---:|---:|---:|");
        foreach (var sample in Samples.Where((_, i) => i % stride == 0 || i == Samples.Count - 1))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {sample.At.TotalSeconds:F0} | {sample.RssKb / 1024.0:F1} | {sample.Threads} |");
        }

        return text.ToString();
    }

    private static void AppendSeries(StringBuilder text, string name, SampleSeries series) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name}: min / max; slope per hour; first vs last {series.Window.TotalMinutes:0.#} min (mean) | {series.Min:F1} / {series.Max:F1}; {series.SlopePerHour:+0.0;-0.0;0.0}/h; {series.FirstWindow:F1} → {series.LastWindow:F1} | flat |");

    /// <summary>For each role (in order of appearance), the first successful query as it or any role after it.</summary>
    private TimeSpan?[] FirstQueryAsNewer()
    {
        var index = Roles.Select((r, i) => (r.Role, i)).ToDictionary(r => r.Role, r => r.i, StringComparer.Ordinal);
        var first = new TimeSpan?[Roles.Count];
        foreach (var query in Queries)
        {
            if (query.Ok && index.TryGetValue(query.Body, out var i) && first[i] is null)
            {
                first[i] = query.Started;
            }
        }

        for (var i = first.Length - 2; i >= 0; i--)
        {
            if (first[i + 1] is { } later && !(first[i] is { } own && own <= later))
            {
                first[i] = later;
            }
        }

        return first;
    }

    private (double First, double Last) Quartiles(Func<ProcessSample, double> value)
    {
        var quarter = Math.Max(1, Samples.Count / 4);
        return Samples.Count == 0 ? (0, 0) : (Samples.Take(quarter).Average(value), Samples.TakeLast(quarter).Average(value));
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1} s");
}
