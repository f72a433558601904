using System.Text.RegularExpressions;
using R3mes.Sidecar.Tests.Leases;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Monitoring;

/// <summary>
/// A running sidecar (Vault emulator, dynamic PostgreSQL credentials on a real server, one action) exports every
/// metric the alert rules and the dashboard use, with the conventions: counters at 0 from the start for every
/// secret and action, an absolute expiry timestamp, build_info, a fixed reason set.
/// </summary>
public sealed partial class MetricsScrapeTests
{
    [Fact]
    public async Task RunningSidecar_ExportsEveryMetricTheAlertsAndDashboardUse()
    {
        await using var setup = await LeaseSetup.StartAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));
        using var workspace = new TempWorkspace();
        var port = FreePort.Next();
        var config = workspace.WriteConfig(setup.Config(workspace, setup.AddRole(), onChange: "announce", extra: $$"""
            listen: 127.0.0.1:{{port}}
            actions:
              announce: { command: [/bin/true] }
            """));
        using var run = SidecarProcess.Start(["run", "-c", config]);
        using var http = new HttpClient();
        var metrics = "";
        await Eventually.Until(async () =>
        {
            try
            {
                metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            }
            catch (HttpRequestException)
            {
                return false;
            }

            return metrics.Contains("r3mes_sidecar_ready 1", StringComparison.Ordinal) && metrics.Contains("r3mes_sidecar_expiry_timestamp_seconds{", StringComparison.Ordinal);
        }, Eventually.DefaultTimeout, () => run.Transcript + metrics);

        var exported = SampleName().Matches(metrics).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var monitoring = Path.Combine(RepositoryRoot.Path, "examples", "prometheus");
        var used = MetricName().Matches(File.ReadAllText(Path.Combine(monitoring, "alerts.yml")) + File.ReadAllText(Path.Combine(monitoring, "grafana-dashboard.json")))
            .Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count >= 8, string.Join(", ", used));
        Assert.All(used, name => Assert.True(exported.Contains(name), $"{name} is used by the alerts or the dashboard but not exported:\n{metrics}"));
    }

    [Fact]
    public async Task Counters_ExistAtZeroFromTheStart_ForEverySecretActionAndReason()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "j");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$$"""
            output: { dir: out }
            listen: 127.0.0.1:{{{port}}}
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                on_change: [announce]
              - name: broken
                source: { file: src }
                files: { other: "{{ no_such_field }}" }
                required: false
            actions:
              announce: { command: [/bin/true] }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        using var http = new HttpClient();
        var metrics = "";
        await Eventually.Until(async () =>
        {
            try
            {
                metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                return metrics.Contains("r3mes_sidecar_ready 1", StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, Eventually.DefaultTimeout, () => run.Transcript);

        foreach (var secret in new[] { "app", "broken" })
        {
            foreach (var reason in R3mes.Sidecar.Diagnostics.FailureReason.All)
            {
                Assert.Matches($"r3mes_sidecar_fetch_errors_total\\{{reason=\"{reason}\",secret=\"{secret}\"\\}} \\d", metrics);
            }

            Assert.Contains($"r3mes_sidecar_write_errors_total{{secret=\"{secret}\"}} 0", metrics, StringComparison.Ordinal);
            Assert.Matches($"r3mes_sidecar_file_writes_total\\{{outcome=\"written\",secret=\"{secret}\"\\}} \\d", metrics);
        }

        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"announce\",result=\"failure\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_action_runs_total{action=\"announce\",result=\"success\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_file_writes_total{outcome=\"written\",secret=\"broken\"} 0", metrics, StringComparison.Ordinal);
        Assert.Matches("r3mes_sidecar_build_info\\{runtime=\"\\.NET [0-9.]+\",version=\"[^\"]+\"\\} 1", metrics);
        // The template that names a missing field counts its failures under one of the fixed reasons.
        await Eventually.Until(async () =>
        {
            metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            return Regex.IsMatch(metrics, "r3mes_sidecar_fetch_errors_total\\{reason=\"render\",secret=\"broken\"\\} [1-9]");
        }, Eventually.DefaultTimeout, () => metrics);
        var reasons = ReasonLabel().Matches(metrics).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["denied", "not_found", "other", "rejected", "render", "server", "throttled", "timeout", "unreachable", "write"], reasons);
    }

    [GeneratedRegex(@"^(r3mes_sidecar_\w+?)(?:\{| )", RegexOptions.Multiline)]
    private static partial Regex SampleName();

    [GeneratedRegex(@"r3mes_sidecar_[a-z_]+[a-z]")]
    private static partial Regex MetricName();

    [GeneratedRegex("reason=\"([^\"]*)\"")]
    private static partial Regex ReasonLabel();
}
