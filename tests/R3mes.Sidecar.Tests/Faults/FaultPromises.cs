using System.Globalization;
using System.Text.RegularExpressions;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// The promises every cell of the fault matrix checks, in one place (README "Endpoints", "Commands and exit codes";
/// docs/metrics.md): (a) a reader never sees a blank or partial file, (b) the last good value stays, (c) the retries
/// back off exponentially with jitter, capped, (d) <c>/status</c> and <c>/metrics</c> name the failure with the right
/// reason, (e) the sidecar recovers by itself once the fault is gone, (f) <c>run</c> keeps going while <c>once</c>
/// exits 1 after its <c>retry_budget</c> with one line naming the secret.
/// </summary>
internal static partial class FaultPromises
{
    public static readonly TimeSpan FailureTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The loops' backoff: 1 s doubling, capped at 5 min, each ±20% (ARCHITECTURE "When").</summary>
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    /// <summary>Injects <paramref name="fault"/> into a cell whose files hold <see cref="FaultCell.First"/>, publishes the next values, checks every promise, clears the fault and checks the recovery.</summary>
    public static async Task HoldAsync(FaultCell cell, Fault fault, IReadOnlyList<string>? onceLauncher = null)
    {
        var watch = new CompleteFilesWatch(cell.Paths(cell.First));
        try
        {
            // Only what the fault adds counts: a slow first call at start-up (a loaded machine) may have failed already.
            // So are its retry lines: a start-up failure already counted "1 in a row" and recovered.
            var before = BackendErrors(await cell.Endpoints.MetricsAsync(), cell.Backend);
            var from = cell.Run.Transcript.Length;
            await fault.Inject();
            await cell.PublishAsync();
            using var once = SidecarProcess.Start(["once", "-c", cell.OnceConfig], cell.OnceEnvironment, launcher: onceLauncher);
            await cell.Run.WaitForOutputAsync($"refreshing secret {FaultCell.Secret} failed ({fault.Failures} in a row)", FailureTimeout, from);

            Assert.True(cell.Holds(cell.First), "(b) the files must keep their last good value during the fault:\n" + cell.Describe());
            await AssertReportedAsync(cell, fault, before);
            AssertBackoff(RetryDelays(cell.Run.Transcript[from..], FaultCell.Secret), fault.Failures, cell.Describe());
            await AssertOnceGivesUpAsync(cell, once);
            Assert.False(cell.Run.HasExited, "(f) run must keep going:\n" + cell.Describe());

            await fault.Clear();
            foreach (var (path, value) in cell.Paths(cell.Next))
            {
                watch.Allow(path, value);
            }

            await AssertRecoversAsync(cell);
        }
        finally
        {
            await watch.DisposeAsync();
        }

        Assert.True(watch.Bad == 0, $"(a) {watch.Bad} of {watch.Reads} reads saw a blank or partial file, first: {watch.FirstBad}");
        Assert.True(watch.Reads > 100, $"(a) only {watch.Reads} reads");
    }

    /// <summary>(d) The secret is stale (files good, last refresh failed), the backend's health and the counters carry the fault's reason.</summary>
    /// <param name="before"><c>backend_errors_total</c> by reason before the fault (<see cref="BackendErrors"/>); none: all count.</param>
    public static async Task AssertReportedAsync(FaultCell cell, Fault fault, IReadOnlyDictionary<string, double>? before = null)
    {
        var secret = await cell.Endpoints.SecretAsync(FaultCell.Secret);
        var status = await cell.Endpoints.StatusAsync();
        var metrics = await cell.Endpoints.MetricsAsync();
        var context = $"\n/status: {status.ToJsonString()}\n/metrics:\n{metrics}\ntranscript:\n{cell.Describe()}";

        Assert.True((string?)secret["state"] == "stale", "(d) state must be stale" + context);
        Assert.True((int)secret["failures"]! >= fault.Failures, "(d) failures" + context);
        Assert.False(string.IsNullOrWhiteSpace((string?)secret["last_error"]), "(d) last_error" + context);
        Assert.True((string?)secret["backend"] == cell.Backend, "(d) backend" + context);
        var fetchErrors = LocalEndpoints.Sample(metrics, $"r3mes_sidecar_fetch_errors_total{{reason=\"{fault.Reason}\",secret=\"{FaultCell.Secret}\"}}");
        Assert.True(fetchErrors >= fault.Failures, $"(d) fetch_errors_total for reason {fault.Reason} is {fetchErrors}" + context);
        var up = LocalEndpoints.Sample(metrics, $"r3mes_sidecar_backend_up{{backend=\"{cell.Backend}\"}}");
        Assert.True(up == (fault.BackendDown ? 0 : 1), $"(d) backend_up is {up}" + context);
        var backend = status["backends"]!.AsArray().Single(b => (string?)b!["name"] == cell.Backend)!;
        Assert.True((bool)backend["up"]! == !fault.BackendDown, "(d) /status backends[].up" + context);
        var reasons = before is null ? LocalEndpoints.BackendErrorReasons(metrics, cell.Backend)
            : [.. BackendErrors(metrics, cell.Backend).Where(r => r.Value > before.GetValueOrDefault(r.Key)).Select(r => r.Key)];
        if (fault.BackendDown)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)backend["last_error"]), "(d) /status backends[].last_error" + context);
            Assert.True(reasons.SequenceEqual([fault.Reason]), $"(d) backend_errors_total reasons [{string.Join(", ", reasons)}], expected only {fault.Reason}" + context);
        }
        else if (fault.BackendAnswered)
        {
            Assert.True(reasons.SequenceEqual([fault.Reason]), $"(d) backend_errors_total reasons [{string.Join(", ", reasons)}], expected only {fault.Reason}" + context);
        }
        else
        {
            Assert.True(reasons.Count == 0, $"(d) a {fault.Reason} failure is not the backend's: backend_errors_total [{string.Join(", ", reasons)}]" + context);
        }

        Assert.True(LocalEndpoints.Sample(metrics, "r3mes_sidecar_ready") == 1, "(d) files hold good values: still ready" + context);
    }

    /// <summary><c>r3mes_sidecar_backend_errors_total</c> of <paramref name="backend"/> by reason (absent series count 0).</summary>
    public static IReadOnlyDictionary<string, double> BackendErrors(string metrics, string backend) =>
        FailureReason.All.ToDictionary(r => r, r => LocalEndpoints.Sample(metrics, $"r3mes_sidecar_backend_errors_total{{backend=\"{backend}\",reason=\"{r}\"}}") ?? 0, StringComparer.Ordinal);

    /// <summary>(c) Attempt n waited 1 s × 2^(n-1), capped at 5 min, within the ±20% jitter (the log prints tenths).</summary>
    public static void AssertBackoff(IReadOnlyList<(int Failures, double Seconds)> delays, int atLeast, string context)
    {
        Assert.True(delays.Count >= atLeast, $"(c) {delays.Count} retry lines:\n{context}");
        for (var i = 0; i < delays.Count; i++)
        {
            var (failures, seconds) = delays[i];
            Assert.True(failures == i + 1, $"(c) retry line {i} says {failures} in a row:\n{context}");
            var nominal = Math.Min(Cap.TotalSeconds, First.TotalSeconds * Math.Pow(2, failures - 1));
            Assert.True(seconds >= (nominal * 0.8) - 0.05 && seconds <= (nominal * 1.2) + 0.05 && seconds <= (Cap.TotalSeconds * 1.2) + 0.05,
                $"(c) after {failures} failure(s) the sidecar waits {seconds}s, expected {nominal}s ±20%:\n{context}");
        }
    }

    /// <summary>
    /// (c) The cap, over a long outage (measured delays, attempt n+1 minus attempt n): every delay follows 1 s × 2^(n-1)
    /// ±20% (<see cref="AssertBackoff"/>), at least <paramref name="plateau"/> of them sit at the cap, 5 min ±20%, none
    /// exceeds 6 min, and the plateau's delays are not all the same (jitter, not a fixed 5 min).
    /// </summary>
    public static void AssertCapped(IReadOnlyList<TimeSpan> delays, int plateau, string context)
    {
        AssertBackoff([.. delays.Select((d, i) => (i + 1, d.TotalSeconds))], plateau, context);
        var capped = delays.Where((_, i) => First * Math.Pow(2, i) >= Cap).ToArray();
        Assert.True(capped.Length >= plateau, $"(c) only {capped.Length} delay(s) reached the cap, expected {plateau}:\n{context}");
        Assert.True(delays.Max() <= Cap * 1.2, $"(c) the longest delay is {delays.Max()}, above the cap's 6 min:\n{context}");
        Assert.All(capped, d => Assert.True(d >= Cap * 0.8 && d <= Cap * 1.2, $"(c) a delay at the cap was {d}, expected 5 min ±20%:\n{context}"));
        Assert.True(capped.Distinct().Count() > 1, $"(c) every delay at the cap is {capped[0]}: no jitter:\n{context}");
    }

    /// <summary>The "retrying in" delays of one secret's refresh loop, in order.</summary>
    public static IReadOnlyList<(int Failures, double Seconds)> RetryDelays(string transcript, string secret) =>
        [.. RetryLine().Matches(transcript).Where(m => m.Groups[1].Value == secret)
            .Select(m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))];

    /// <summary>(f) <c>once</c> under the same fault exits 1 after its budget with one last line naming the secret, writing nothing.</summary>
    public static async Task AssertOnceGivesUpAsync(FaultCell cell, SidecarProcess once)
    {
        var code = await once.WaitForExitAsync(TimeSpan.FromSeconds(40));
        Assert.True(code == 1, $"(f) once exited {code}:\n{once.Transcript}");
        var last = once.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("r3mes-sidecar:", last, StringComparison.Ordinal);
        Assert.Contains(FaultCell.Secret, last, StringComparison.Ordinal);
        Assert.True(cell.Next.Keys.All(name => !File.Exists(Path.Combine(cell.OnceOutput, name)) || File.ReadAllText(Path.Combine(cell.OnceOutput, name)) != cell.Next[name]),
            "(f) once must not have written the values it could not fetch or write:\n" + once.Transcript);
    }

    /// <summary>(e) Without a restart: the next values are written, the secret is ok, the backend up, and the recovery logged.</summary>
    public static async Task AssertRecoversAsync(FaultCell cell)
    {
        await Eventually.Until(() => cell.Holds(cell.Next), RecoveryTimeout, () => "(e) the next values never arrived:\n" + cell.Describe());
        await Eventually.Until(
            async () =>
            {
                var status = await cell.Endpoints.StatusAsync();
                var secret = status["secrets"]!.AsArray().Single(s => (string?)s!["name"] == FaultCell.Secret)!;
                var backend = status["backends"]!.AsArray().Single(b => (string?)b!["name"] == cell.Backend)!;
                return (string?)secret["state"] == "ok" && (bool)backend["up"]!;
            },
            RecoveryTimeout,
            () => "(e) /status never showed the recovery:\n" + cell.Describe());
        var metrics = await cell.Endpoints.MetricsAsync();
        Assert.True(LocalEndpoints.Sample(metrics, $"r3mes_sidecar_backend_up{{backend=\"{cell.Backend}\"}}") == 1, metrics);
        await cell.Run.WaitForOutputAsync($"secret {FaultCell.Secret} recovered");
        Assert.False(cell.Run.HasExited, cell.Describe());
    }

    [GeneratedRegex(@"refreshing secret (\S+) failed \((\d+) in a row\), retrying in ([0-9.]+)s")]
    private static partial Regex RetryLine();
}
