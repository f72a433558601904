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
        // check also verifies the output directory; the production examples name /run/secrets on a tmpfs, which this
        // machine may not have: point them at a fresh tmpfs directory (/dev/shm), as a deployment mounts one.
        var shm = Directory.CreateDirectory(Path.Combine("/dev/shm", $"r3mes-example-{Guid.NewGuid():N}")).FullName;
        using var check = SidecarProcess.Start(["check", "-c", Path.Combine(RepositoryRoot.Path, example)], new Dictionary<string, string?> { ["R3MES_SIDECAR__output__dir"] = shm });
        await check.WaitForExitAsync(SidecarProcess.ExitTimeout);
        Directory.Delete(shm);

        Assert.True(check.ExitCode == 0, check.Transcript);
        Assert.Contains("configuration OK", check.Stdout, StringComparison.Ordinal);
    }
}
