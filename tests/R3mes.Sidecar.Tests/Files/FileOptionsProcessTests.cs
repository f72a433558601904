using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// The binary end to end: <c>check</c> shows <c>allow_empty</c>; <c>once</c> refuses an empty required file and
/// exits 1 keeping the last good file; a start removes the temp files a killed run left and says how many.
/// </summary>
public sealed class FileOptionsProcessTests
{
    [Fact]
    public async Task Check_AllowEmpty_ShownInThePlan()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("flag.txt", "");
        workspace.WriteSource("jwt_secret.txt", "jwt");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - { name: flag, source: { file: src/flag.txt }, files: { flag: {} }, allow_empty: true }
              - { name: jwt, source: { file: src/jwt_secret.txt }, files: { jwt_secret: {} } }
            """);

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 0, check.Transcript);
        Assert.Contains(check.Stdout.Split('\n'), l => l.StartsWith("secret flag: ", StringComparison.Ordinal) && l.EndsWith(", empty allowed", StringComparison.Ordinal));
        Assert.Contains(check.Stdout.Split('\n'), l => l.StartsWith("secret jwt: ", StringComparison.Ordinal) && !l.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_RequiredFileEmpty_RefusedExit1AndTheLastGoodFileKept()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("redis_password.txt", "");
        File.WriteAllText(workspace.OutputFile("redis_password"), "last-good");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            retry_budget: 1s
            secrets:
              - { name: redis, source: { file: src/redis_password.txt }, files: { redis_password: {} } }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 1, once.Transcript);
        Assert.Contains("secret 'redis': redis_password would be empty; refused, the last good file is kept", once.Transcript, StringComparison.Ordinal);
        Assert.Equal("last-good", workspace.ReadOutput("redis_password"));
    }

    [Fact]
    public async Task Once_TempFilesLeftByAKilledRun_RemovedAndCounted()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt");
        File.WriteAllText(workspace.OutputFile(".jwt_secret.tmp-0123456789ab"), "superseded");
        File.WriteAllText(workspace.OutputFile(".f14.tmp-a1b2c3d4e5f6"), "superseded");
        File.WriteAllText(workspace.OutputFile(".f14.tmp-not-ours"), "someone else's");
        File.WriteAllText(workspace.PathOf("outside"), "outside");
        File.CreateSymbolicLink(workspace.OutputFile(".link.tmp-0123456789ab"), workspace.PathOf("outside"));
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - { name: jwt, source: { file: src/jwt_secret.txt }, files: { jwt_secret: {} } }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Contains("removed 2 temporary file(s) a previous run left in", once.Transcript, StringComparison.Ordinal);
        Assert.Equal(
            [".f14.tmp-not-ours", ".link.tmp-0123456789ab", "jwt_secret"],
            Directory.EnumerateFileSystemEntries(workspace.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("outside", File.ReadAllText(workspace.PathOf("outside")));
    }
}
