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
    IReadOnlyList<string> ExpiredLeases)
{
    public int Rotations => Math.Max(0, Roles.Count - 1);

    public int Failures => Queries.Count(q => !q.Ok);

    /// <summary>Each role's successor appeared before the role reached its max TTL.</summary>
    public IReadOnlyList<string> LateReplacements =>
        [.. Roles.Zip(Roles.Skip(1)).Where(p => p.Second.Appeared >= p.First.Appeared + MaxTtl)
            .Select(p => $"{p.Second.Role} appeared {Seconds(p.Second.Appeared - p.First.Appeared)} after {p.First.Role} (max TTL {Seconds(MaxTtl)})")];

    /// <summary>The app ran its first query as the successor before the role was dropped (revoked).</summary>
    public IReadOnlyList<string> RevokedBeforeReload =>
        [.. Roles.Zip(Roles.Skip(1)).Where(p => p.First.Gone is { } gone && !(FirstQueryAs(p.Second.Role) is { } switched && switched < gone))
            .Select(p => $"{p.First.Role} dropped at {Seconds(p.First.Gone!.Value)}, app's first query as {p.Second.Role} at {(FirstQueryAs(p.Second.Role) is { } s ? Seconds(s) : "never")}")];

    /// <summary>Queries that started after the role they ran as had been dropped.</summary>
    public IReadOnlyList<string> QueriesOnRevokedRoles =>
        [.. Queries.Where(q => q.Ok && Roles.FirstOrDefault(r => r.Role == q.Body).Gone is { } gone && q.Started > gone + TimeSpan.FromMilliseconds(200))
            .Select(q => $"query at {Seconds(q.Started)} ran as {q.Body}, dropped at {Seconds(Roles.First(r => r.Role == q.Body).Gone!.Value)}")];

    public (double First, double Last) RssMb => Quartiles(s => s.RssKb / 1024.0);

    public (double First, double Last) Threads => Quartiles(s => s.Threads);

    public string Markdown(string command)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Lease soak results\n\n`{command}` on {Environment.ProcessorCount} cores: the sidecar ({Seconds(LeaseSoak.Ttl)} dynamic PostgreSQL credentials, max TTL {Seconds(MaxTtl)}) on the Vault emulator's database engine and a real PostgreSQL, the example backend (`examples/backend`, RotatingNpgsqlDataSource) queried without pause.\n");
        text.AppendLine("| measure | value |\n|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| duration | {Seconds(Duration)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| rotations (new roles) | {Rotations} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queries | {Queries.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| failed queries | {Failures} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queries retried because their role was gone | {RevokedRoleRetries} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queries on a dropped role | {QueriesOnRevokedRoles.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| replacements after max TTL | {LateReplacements.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| roles dropped before the app used the next | {RevokedBeforeReload.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| leases ended by Vault at their max TTL, not revoked after the grace | {ExpiredLeases.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| leaked roles at the end | {LeakedRoles.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sidecar RSS, first → last quartile (MB) | {RssMb.First:F1} → {RssMb.Last:F1} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sidecar threads, first → last quartile | {Threads.First:F1} → {Threads.Last:F1} |");
        text.AppendLine("\nRSS and threads over time (one sample in ten):\n\n| t (s) | RSS (MB) | threads |\n|---:|---:|---:|");
        foreach (var sample in Samples.Where((_, i) => i % 10 == 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {sample.At.TotalSeconds:F0} | {sample.RssKb / 1024.0:F1} | {sample.Threads} |");
        }

        return text.ToString();
    }

    private TimeSpan? FirstQueryAs(string role) => Queries.FirstOrDefault(q => q.Ok && q.Body == role)?.Started;

    private (double First, double Last) Quartiles(Func<ProcessSample, double> value)
    {
        var quarter = Math.Max(1, Samples.Count / 4);
        return Samples.Count == 0 ? (0, 0) : (Samples.Take(quarter).Average(value), Samples.TakeLast(quarter).Average(value));
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1} s");
}
