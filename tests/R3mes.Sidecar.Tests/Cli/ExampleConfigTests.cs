using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary>Every shipped example configuration passes <c>check</c>: the README points operators at them.</summary>
public sealed class ExampleConfigTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples"), "sidecar.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Check_ExampleConfiguration_IsValid(string example)
    {
        var check = await SidecarProcess.RunAsync("check", "-c", Path.Combine(RepositoryRoot.Path, example));

        Assert.True(check.ExitCode == 0, check.Transcript);
        Assert.Contains("configuration OK", check.Stdout, StringComparison.Ordinal);
    }
}
