using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary><c>once</c>: render every secret, exit 0 when all required files are written, 1 otherwise.</summary>
public sealed class OnceCommandTests
{
    [Fact]
    public async Task Once_WritesEveryFileWithItsModeOwnerAndExactContent()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        workspace.WriteSource("postgres_user.txt", "r3mes app");
        workspace.WriteSource("postgres_password.txt", "p@ss:w/rd %41?&");
        var owner = Unix.IsRoot ? ", uid: 1000, gid: 1000" : "";
        var config = workspace.WriteConfig($$$"""
            output: { dir: out{{{owner}}} }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files:
                  jwt_secret: {}
                  postgres_password: { mode: "0640" }
                  database_url: "postgresql://{{ postgres_user | url }}:{{ postgres_password | url }}@db/r3mes"
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Equal(["database_url", "jwt_secret", "postgres_password"], Directory.GetFileSystemEntries(workspace.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("jwt-value-1", workspace.ReadOutput("jwt_secret"));
        Assert.Equal("p@ss:w/rd %41?&", workspace.ReadOutput("postgres_password"));
        Assert.Equal("postgresql://r3mes%20app:p%40ss%3Aw%2Frd%20%2541%3F%26@db/r3mes", workspace.ReadOutput("database_url"));
        var expectedOwner = Unix.IsRoot ? "1000:1000" : FileStatus.Of(workspace.Root).Owner;
        Assert.Equal(("600", expectedOwner), Describe(workspace.OutputFile("jwt_secret")));
        Assert.Equal(("640", expectedOwner), Describe(workspace.OutputFile("postgres_password")));
        Assert.Equal(("600", expectedOwner), Describe(workspace.OutputFile("database_url")));
    }

    [Fact]
    public async Task Once_PlainSecretsStartingWithBrace_AreWrittenWhole()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("pw", "{Xy7#pass");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: from-file
                source: { file: src/pw }
                files: { db_password: {} }
              - name: from-env
                source: { env: R3MES_TEST_PASSWORD }
                files: { api_password: {} }
            """);

        using var once = SidecarProcess.Start(["once", "-c", config], new Dictionary<string, string?> { ["R3MES_TEST_PASSWORD"] = "{\"half\": " });
        var code = await once.WaitForExitAsync(SidecarProcess.ExitTimeout);

        Assert.True(code == 0, once.Transcript);
        Assert.Equal("{Xy7#pass", workspace.ReadOutput("db_password"));
        Assert.Equal("{\"half\": ", workspace.ReadOutput("api_password"));
    }

    [Fact]
    public async Task Once_WithUnchangedValues_LeavesInodeAndModificationTimeAlone()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        workspace.WriteSource("postgres_password.txt", "pw-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: debug }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {}, postgres_password: {} }
            """);
        using var first = await SidecarProcess.RunAsync("once", "-c", config);
        Assert.True(first.ExitCode == 0, first.Transcript);
        var before = new[] { "jwt_secret", "postgres_password" }.Select(f => FileStatus.Of(workspace.OutputFile(f))).ToArray();

        using var second = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(second.ExitCode == 0, second.Transcript);
        var after = new[] { "jwt_secret", "postgres_password" }.Select(f => FileStatus.Of(workspace.OutputFile(f))).ToArray();
        Assert.Equal(before.Select(s => (s.Inode, s.ModifiedNanoseconds)), after.Select(s => (s.Inode, s.ModifiedNanoseconds)));
        Assert.Equal("jwt-value-1", workspace.ReadOutput("jwt_secret"));
    }

    [Fact]
    public async Task Once_WithASymlinkAtATargetPath_ExitsOneAndLeavesTheLinkedFileUntouched()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        var outside = workspace.PathOf("outside.txt");
        File.WriteAllText(outside, "outside-original");
        File.SetUnixFileMode(outside, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var outsideBefore = FileStatus.Of(outside);
        var link = workspace.OutputFile("jwt_secret");
        File.CreateSymbolicLink(link, outside);
        var config = workspace.WriteConfig("""
            output: { dir: out }
            retry_budget: 1s
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 1, once.Transcript);
        Assert.Equal("outside-original", File.ReadAllText(outside));
        Assert.Equal(outsideBefore, FileStatus.Of(outside));
        Assert.Equal(outside, new FileInfo(link).LinkTarget);
        Assert.Contains("jwt_secret is a symlink", once.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(workspace.Output, ".*"));
    }

    private static (string Mode, string Owner) Describe(string path)
    {
        var status = FileStatus.Of(path);
        return (status.Mode, status.Owner);
    }
}
