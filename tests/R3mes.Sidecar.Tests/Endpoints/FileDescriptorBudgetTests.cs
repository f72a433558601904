using R3mes.Sidecar.Endpoints;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Endpoints;

/// <summary>The listeners' bounds leave descriptors for the secret loops; <c>limits:</c> is validated by <c>check</c>.</summary>
public sealed class FileDescriptorBudgetTests
{
    [Fact]
    public void Bounds_WithinTheLimit_Kept() =>
        Assert.Equal([64, 64, 64], FileDescriptorBudget.Bounds([64, 64, 64], 1024, 40));

    [Fact]
    public void Bounds_OverTheLimit_CutToEqualSharesOfWhatIsLeft() =>
        // 230 - 40 open - 128 reserve - 3 × 8 being refused = 38: 12 each.
        Assert.Equal([12, 12, 5], FileDescriptorBudget.Bounds([64, 64, 5], 230, 40));

    [Fact]
    public void Bounds_NothingLeft_OneEach() =>
        Assert.Equal([1, 1], FileDescriptorBudget.Bounds([64, 64], 256, 200));

    [Fact]
    public void Bounds_Unlimited_Kept() =>
        Assert.Equal([10_000], FileDescriptorBudget.Bounds([10_000], ulong.MaxValue, 40));

    [Theory]
    [InlineData("{ listen: 0 }", "limits.listen: 0 is out of range: use 1 to 10000 (default 64)")]
    [InlineData("{ aws_agent: 20000 }", "limits.aws_agent: 20000 is out of range")]
    [InlineData("{ lisen: 5 }", "limits.lisen: unknown key 'lisen' (did you mean 'listen'?")]
    public async Task Check_BadLimits_ExitsTwoNamingTheKey(string limits, string error)
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("a.txt", "a");
        var config = workspace.WriteConfig($"output: {{ dir: out }}\nlimits: {limits}\nsecrets:\n  - {{ name: a, source: {{ file: src/a.txt }}, files: {{ a: {{}} }} }}\n");

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Contains(error, check.Stderr, StringComparison.Ordinal);
    }
}
