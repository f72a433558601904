using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// The canary harness (<see cref="CanaryHarness"/>, run by every <see cref="SidecarProcess"/>) must be able to fail:
/// an exec child that prints a rendered value, or carries it in its environment, is caught and located, and the
/// report never holds the value. A clean run reports nothing.
/// </summary>
public sealed class CanaryHarnessTests
{
    private const string Value = "CANARY-harness-5d0e77";

    [Fact]
    public async Task ChildEchoesTheValue_CaughtInStdoutWithoutPrintingIt()
    {
        using var workspace = new TempWorkspace();
        var config = Config(workspace);

        using var exec = SidecarProcess.Start(["exec", "-c", config, "--", "/bin/bash", "-c", $"cat {workspace.OutputFile("api_token")}; echo; exec sleep 600"]);
        exec.ExpectLeaks();
        await Eventually.Until(() => exec.Stdout.Contains(Value, StringComparison.Ordinal), Eventually.DefaultTimeout, () => exec.Transcript);

        var leaks = exec.Leaks();
        Assert.Contains("a secret value from src/app/api_token.txt (21 characters) appears in stdout, line 1", leaks);
        Assert.Contains("a secret value from out/api_token (21 characters) appears in stdout, line 1", leaks);
        Assert.All(leaks, l => Assert.DoesNotContain("harness-5d0e77", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChildEnvironmentHoldsTheValue_CaughtInTheChildEnvironment()
    {
        using var workspace = new TempWorkspace();
        var config = Config(workspace);

        using var exec = SidecarProcess.Start(["exec", "-c", config, "--", "/bin/bash", "-c", $"exec env LEAKED=\"$(cat {workspace.OutputFile("api_token")})\" sleep 600"]);
        exec.ExpectLeaks();
        await exec.WaitForOutputAsync("wrote api_token");

        await Eventually.Until(() => exec.Leaks().Any(l => l.Contains("the environment of child process", StringComparison.Ordinal)), Eventually.DefaultTimeout, () => string.Join('\n', exec.Leaks()));
        Assert.DoesNotContain(exec.Leaks(), l => l.Contains(Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CleanRun_NothingFoundAndTheSeededCanariesReachedTheProcess()
    {
        using var workspace = new TempWorkspace();
        var config = Config(workspace);

        using var exec = SidecarProcess.Start(["exec", "-c", config, "--", "/bin/bash", "-c", "echo \"level=$R3MES_SIDECAR__log__level token=${#R3MES_CANARY_VAULT_TOKEN}\"; exec sleep 600"]);
        await exec.WaitForOutputAsync("wrote api_token");
        await exec.WaitForOutputAsync("level=");

        // The sidecar ran at trace level with the seeded canaries in its environment (its child inherited both).
        Assert.Contains("level=trace token=42", exec.Stdout, StringComparison.Ordinal);
        Assert.Empty(exec.Leaks());
    }

    private static string Config(TempWorkspace workspace)
    {
        workspace.WriteSource("app/api_token.txt", Value);
        return workspace.WriteConfig("""
            output: { dir: out }
            exec: { on_change: none }
            secrets:
              - name: app
                source: { file: src/app }
                files: { api_token: {} }
            """);
    }
}
