using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding (issue 15, "bidi-override and whitespace-only file names are accepted"): a name holding U+202E
/// lists as another name (<c>tls_\u202Eyek.crt</c> shows as <c>tls_trc.key</c>), and " " or "key " looks like
/// nothing or like "key". The configuration now refuses them, with the key path, where every file name is checked.
/// </summary>
public sealed class FileNameSpoofingTests
{
    [Theory]
    [InlineData("tls_\u202Eyek.crt", "bidirectional override")]
    [InlineData("\u202Aleft", "bidirectional override")]
    [InlineData("a\u2066b\u2069", "bidirectional override")]
    [InlineData("\u2068x", "bidirectional override")]
    [InlineData(" ", "starts or ends with whitespace")]
    [InlineData("   ", "starts or ends with whitespace")]
    [InlineData("jwt_secret ", "starts or ends with whitespace")]
    [InlineData(" jwt_secret", "starts or ends with whitespace")]
    [InlineData("\u00A0jwt_secret", "starts or ends with whitespace")]
    [InlineData("jwt_secret\u3000", "starts or ends with whitespace")]
    public async Task Check_SpoofingFileName_RefusedWithKeyPath(string name, string problem)
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "CANARY-name-8e1d");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src/app, key: jwt_secret }
                files: { "{{name}}": {} }
            """);

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        var line = Assert.Single(check.Transcript.Split('\n'), l => l.Contains(problem, StringComparison.Ordinal));
        Assert.StartsWith("secrets[0].files[\"", line, StringComparison.Ordinal);
        // The refused character is shown escaped, so the error itself cannot be spoofed.
        Assert.DoesNotContain(line, c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u00A0' or '\u3000');
        Assert.Empty(Directory.GetFileSystemEntries(workspace.Output));
    }

    [Fact]
    public async Task Once_InnerSpaceName_StillAccepted()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "CANARY-name-2b9c");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src/app, key: jwt_secret }
                files: { "jwt secret": {} }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Equal("CANARY-name-2b9c", workspace.ReadOutput("jwt secret"));
    }
}
