using System.Diagnostics.Metrics;
using System.Reflection;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Diagnostics;

/// <summary>
/// The sidecar's one <see cref="Meter"/>. Instruments carry secret, file and action names as tags — never values.
/// Gauges read the <see cref="Pipeline.StatusBoard"/> at collection time.
/// </summary>
public sealed class SidecarMetrics : IDisposable
{
    public const string MeterName = "R3mes.Sidecar";

    private readonly Meter _meter = new(MeterName);

    public SidecarMetrics(Pipeline.StatusBoard board, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(board);
        FileWrites = _meter.CreateCounter<long>("r3mes_sidecar_file_writes", description: "Files considered for writing, by outcome (written, unchanged, metadata_fixed, kept_existing).");
        FetchErrors = _meter.CreateCounter<long>("r3mes_sidecar_fetch_errors", description: "Failed fetches or renders of a secret, by reason (unavailable, denied, not_found, rejected, render, write, other).");
        WriteErrors = _meter.CreateCounter<long>("r3mes_sidecar_write_errors", description: "Files that could not be written (the old file was kept).");
        ActionRuns = _meter.CreateCounter<long>("r3mes_sidecar_action_runs", description: "Action runs, by result (success, failure).");
        LeaseRenewals = _meter.CreateCounter<long>("r3mes_sidecar_lease_renewals", description: "Lease renewals, by secret and outcome (renewed, failed, gone).");
        LeaseReplacements = _meter.CreateCounter<long>("r3mes_sidecar_lease_replacements", description: "New leases read, by secret and reason (first, rotation, lost).");
        LeaseRevocations = _meter.CreateCounter<long>("r3mes_sidecar_lease_revocations", description: "Leases revoked, by secret and reason (replaced, shutdown).");
        AuthFailures = _meter.CreateCounter<long>("r3mes_sidecar_auth_failures", description: "Failed logins to a backend.");
        EmptyValuesRefused = _meter.CreateCounter<long>("r3mes_sidecar_empty_values_refused", description: "Renders of a required secret refused because a file would be empty (the last good file was kept).");
        BackendErrors = _meter.CreateCounter<long>("r3mes_sidecar_backend_errors", description: "Failed fetches from a backend, by backend and reason (unreachable, timeout, server, denied, not_found, throttled, rejected, other).");
        _meter.CreateObservableGauge("r3mes_sidecar_backend_up", () => board.Backends()
            .Select(b => new Measurement<int>(b.Up ? 1 : 0, Tag("backend", b.Name))),
            description: "1 when the last request to a backend reached it, 0 while it is unreachable, timing out or failing with 5xx (readiness does not depend on it).");
        _meter.CreateObservableGauge("r3mes_sidecar_last_success_timestamp_seconds", () => board.Snapshot()
            .Where(s => s.LastSuccess is not null)
            .Select(s => new Measurement<double>(s.LastSuccess!.Value.ToUnixTimeMilliseconds() / 1000.0, Tag("secret", s.Name))),
            description: "Unix time of the last successful refresh, per secret.");
        _meter.CreateObservableGauge("r3mes_sidecar_expiry_seconds", () => board.Snapshot()
            .Where(s => s.ExpiresAt is not null)
            .Select(s => new Measurement<double>((s.ExpiresAt!.Value - time.GetUtcNow()).TotalSeconds, Tag("secret", s.Name))),
            description: "Seconds until the current value of a secret expires.");
        _meter.CreateObservableGauge("r3mes_sidecar_expiry_timestamp_seconds", () => board.Snapshot()
            .Where(s => s.ExpiresAt is not null)
            .Select(s => new Measurement<double>(s.ExpiresAt!.Value.ToUnixTimeMilliseconds() / 1000.0, Tag("secret", s.Name))),
            description: "Unix time at which the current value of a secret expires (leases, certificates).");
        _meter.CreateObservableGauge("r3mes_sidecar_build_info", () => new Measurement<int>(1, Tag("version", Version), Tag("runtime", $".NET {Environment.Version}")),
            description: "Always 1; the labels say which build runs.");
        _meter.CreateObservableGauge("r3mes_sidecar_ready", () => new Measurement<int>(board.IsReady(out _) ? 1 : 0),
            description: "1 when every required secret is rendered and none is past its known expiry.");
    }

    public Counter<long> FileWrites { get; }

    public Counter<long> FetchErrors { get; }

    public Counter<long> WriteErrors { get; }

    public Counter<long> ActionRuns { get; }

    public Counter<long> LeaseRenewals { get; }

    public Counter<long> LeaseReplacements { get; }

    public Counter<long> LeaseRevocations { get; }

    public Counter<long> AuthFailures { get; }

    public Counter<long> EmptyValuesRefused { get; }
    public Counter<long> BackendErrors { get; }

    public static string Version { get; } =
        typeof(SidecarMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    /// <summary>
    /// Creates every counter series of the plan at 0 (Prometheus convention: a counter that first appears at 1 hides
    /// that increase from <c>increase()</c> and alerts): writes, fetch errors by reason, write errors per secret; runs
    /// per action and result; auth failures per configured backend section. Call once the exporter listens.
    /// </summary>
    public void Prime(SidecarPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var secret in plan.Secrets)
        {
            var name = Tag("secret", secret.Name);
            foreach (var outcome in new[] { "written", "unchanged", "metadata_fixed", "kept_existing" })
            {
                FileWrites.Add(0, name, Tag("outcome", outcome));
            }

            foreach (var reason in FailureReason.All)
            {
                FetchErrors.Add(0, name, Tag("reason", reason));
            }

            WriteErrors.Add(0, name);
        }

        foreach (var action in plan.Actions.Keys)
        {
            ActionRuns.Add(0, Tag("action", action), Tag("result", "success"));
            ActionRuns.Add(0, Tag("action", action), Tag("result", "failure"));
        }

        foreach (var backend in plan.Sections?.Keys ?? [])
        {
            AuthFailures.Add(0, Tag("backend", backend));
        }
    }

    /// <summary>Creates a leased secret's renewal, replacement and revocation series at 0 (called when its first lease is read).</summary>
    public void PrimeLease(string secret)
    {
        var name = Tag("secret", secret);
        foreach (var outcome in new[] { "renewed", "failed", "gone" })
        {
            LeaseRenewals.Add(0, name, Tag("outcome", outcome));
        }

        foreach (var reason in new[] { "first", "rotation", "lost" })
        {
            LeaseReplacements.Add(0, name, Tag("reason", reason));
        }

        foreach (var reason in new[] { "replaced", "shutdown" })
        {
            LeaseRevocations.Add(0, name, Tag("reason", reason));
        }
    }

    public void Dispose() => _meter.Dispose();
}
