using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary><c>check</c>: print the plan and exit 0, or list every problem as <c>path: message</c> and exit 2.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task Check_WithAGoodConfiguration_PrintsThePlanAndExitsZero()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(Config());

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 0, check.Transcript);
        Assert.Contains("file jwt_secret: 0600", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("configuration OK: 1 secret(s), 1 file(s), 0 action(s)", check.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData(".")]
    public async Task Check_RejectsAFileNameThatIsNotAPlainName(string name)
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(Config(files: $"{{ jwt_secret: {{}}, \"{name}\": {{}} }}"));

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Contains(ErrorLines(check), line => line.StartsWith($"secrets[0].files[\"{name}\"]: ", StringComparison.Ordinal) && line.Contains($"'{name}'", StringComparison.Ordinal));
        Assert.DoesNotContain("configuration OK", check.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ dri: out }", null, null, "output.dri", "unknown key 'dri' (did you mean 'dir'? known: dir,")]
    [InlineData(null, null, "refresh: 5 minutes", "secrets[0].refresh", "'5 minutes' is not a duration")]
    [InlineData(null, null, "on_change: [nginx-relaod]", "secrets[0].on_change[0]", "unknown action 'nginx-relaod'")]
    [InlineData(null, "{ file: no-such-dir }", null, "secrets[0].source.file", "'no-such-dir' does not exist")]
    public async Task Check_WithABadConfiguration_ExitsTwoAndNamesTheKey(string? output, string? source, string? extra, string path, string message)
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(Config(output, source, extra: extra));

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Contains(ErrorLines(check), line => line.StartsWith($"{path}: ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
        Assert.Equal("", check.Stdout);
    }

    [Fact]
    public async Task Check_WithoutConfigFileOrVariable_ExitsTwoWithOneLineSayingHowToPassIt()
    {
        using var check = await SidecarProcess.RunAsync("check");

        Assert.True(check.ExitCode == 2, check.Transcript);
        var line = Assert.Single(ErrorLines(check));
        Assert.Contains("--config", line, StringComparison.Ordinal);
        Assert.Contains("R3MES_SIDECAR_CONFIG", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithTheConfigVariable_UsesThatFile()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(Config());
        using var check = SidecarProcess.Start(["check"], new Dictionary<string, string?> { ["R3MES_SIDECAR_CONFIG"] = config });

        Assert.Equal(0, await check.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Contains($"output: {workspace.Output}", check.Stdout, StringComparison.Ordinal);
    }

    private static string Config(string? output = null, string? source = null, string? files = null, string? extra = null) => $"""
        output: {output ?? "{ dir: out }"}
        secrets:
          - name: app
            source: {source ?? "{ file: src }"}
            files: {files ?? "{ jwt_secret: {} }"}
            {extra ?? ""}
        """;

    private static string[] ErrorLines(SidecarProcess process) =>
        process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
