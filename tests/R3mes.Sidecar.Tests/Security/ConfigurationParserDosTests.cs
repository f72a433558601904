using System.Text;
using R3mes.Sidecar.Tests.Support;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding "configuration parser denial of service" (issue 15), against the real binary: YAML nested
/// 60,000 deep crashed it (SIGSEGV, no message), a 9^7 alias bomb parsed for minutes, nothing bounded the file's
/// size, and <c>check</c> of 10,000 secrets was quadratic. Each is now exit 2 with one line, or linear.
/// </summary>
public sealed class ConfigurationParserDosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ParserDos_YamlNestedSixtyThousandDeep_ExitsTwoWithTheLimit()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("a: " + new string('[', 60_000) + new string(']', 60_000) + "\n");

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Equal("r3mes-sidecar: configuration error at line 1, column 67: nested deeper than 64 levels: a sidecar configuration needs a handful; check the file\n", check.Stderr);
    }

    [Fact]
    public async Task ParserDos_JsonNestedSixtyThousandDeep_ExitsTwoWithTheLimit()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("{\"a\": " + new string('[', 60_000) + new string(']', 60_000) + "}\n", "sidecar.json");

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Equal("r3mes-sidecar: configuration error at line 1: nested deeper than 64 levels: a sidecar configuration needs a handful; check the file\n", check.Stderr);
    }

    [Fact]
    public async Task ParserDos_AliasBomb_ExitsTwoAtTheFirstAlias()
    {
        using var workspace = new TempWorkspace();
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 7; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        var config = workspace.WriteConfig(yaml.ToString());

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Equal("r3mes-sidecar: configuration error at line 2, column 10: YAML aliases (*name) are not supported: write the value out in full\n", check.Stderr);
    }

    [Fact]
    public async Task ParserDos_FileOverFourMiB_ExitsTwoWithTheLimit()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("output: { dir: out }\n# " + new string('x', 5 * 1024 * 1024) + "\n");

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Equal("r3mes-sidecar: configuration file 'sidecar.yaml' is larger than 4 MiB, the limit: a sidecar configuration is a few kilobytes; check the path\n", check.Stderr);
    }

    /// <summary>
    /// The marginal CPU time (user + system, measured by bash's <c>times</c>, so a loaded machine's waiting does not
    /// count) of 10,000 secrets over 1,000, each less a one-secret baseline: about 10 when linear, about 100 when
    /// quadratic as before (measured: 37). The bound, 20, leaves room for noise and JIT tiering in either direction.
    /// </summary>
    [Fact]
    public async Task ParserDos_CheckOfTenThousandSecrets_ScalesLinearly()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("value.txt", "v");
        var baseline = await CheckCpuAsync(workspace, 1);
        var thousand = await CheckCpuAsync(workspace, 1_000);
        var tenThousand = await CheckCpuAsync(workspace, 10_000);

        var small = Math.Max((thousand - baseline).TotalSeconds, 0.05);
        var large = (tenThousand - baseline).TotalSeconds;
        output.WriteLine($"check CPU: 1 secret {baseline.TotalSeconds:0.00}s, 1,000 {thousand.TotalSeconds:0.00}s, 10,000 {tenThousand.TotalSeconds:0.00}s; marginal ratio {large / small:0.0}");
        Assert.True(large <= 20 * small, $"10,000 secrets cost {large:0.00}s of CPU beyond one secret, 1,000 cost {small:0.00}s: not linear");
    }

    private static async Task<TimeSpan> CheckCpuAsync(TempWorkspace workspace, int secrets)
    {
        var yaml = new StringBuilder("output: { dir: out }\nsecrets:\n");
        for (var i = 0; i < secrets; i++)
        {
            yaml.Append($"  - name: s{i}\n    source: {{ file: src/value.txt }}\n    files: {{ f{i}: {{}}, g{i}: \"x{{{{ value }}}}\" }}\n");
        }

        var config = workspace.WriteConfig(yaml.ToString(), $"sidecar-{secrets}.yaml");
        var run = await ChildCpu.RunAsync(SidecarBinary.Path, ["check", "-c", config], TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"check of {secrets} secrets exited {run.ExitCode}");
        Assert.Contains($"configuration OK: {secrets} secret(s), {2 * secrets} file(s)", run.Stdout, StringComparison.Ordinal);
        return run.Cpu;
    }
}
