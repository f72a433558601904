using System.Text.RegularExpressions;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Monitoring;

/// <summary><c>examples/prometheus/alerts.yml</c> is valid, and its unit tests (one per alert, firing and not) pass.</summary>
public sealed partial class AlertRulesTests
{
    private static string Directory => Path.Combine(RepositoryRoot.Path, "examples", "prometheus");

    [Fact]
    public void Alerts_PassPromtoolCheckRules()
    {
        var (code, output) = Promtool.Run(Directory, "check", "rules", "alerts.yml");

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_PassTheirPromtoolUnitTests()
    {
        var (code, output) = Promtool.Run(Directory, "test", "rules", "alerts.test.yml");

        Assert.True(code == 0, output);
    }

    [Fact]
    public void EveryAlert_HasAUnitTestThatSeesItFireAndStayQuiet()
    {
        var alerts = AlertName().Matches(File.ReadAllText(Path.Combine(Directory, "alerts.yml"))).Select(m => m.Groups[1].Value).ToArray();
        var tests = File.ReadAllText(Path.Combine(Directory, "alerts.test.yml"));

        Assert.Equal(8, alerts.Length);
        foreach (var alert in alerts)
        {
            var group = tests[tests.IndexOf($"- name: {alert}\n", StringComparison.Ordinal)..];
            var next = group.IndexOf("\n  - name: ", 1, StringComparison.Ordinal);
            group = next < 0 ? group : group[..next];
            Assert.Contains("exp_alerts: []", group, StringComparison.Ordinal);
            Assert.Contains("exp_labels:", group, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrometheusConfig_PassesPromtoolCheckConfig()
    {
        var (code, output) = Promtool.Run(Directory, "check", "config", "prometheus.yml");

        Assert.True(code == 0, output);
    }

    [GeneratedRegex(@"^\s+- alert: (\w+)$", RegexOptions.Multiline)]
    private static partial Regex AlertName();
}
