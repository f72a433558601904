using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding (issue 15, "a world-writable output dir gets no warning"): in a directory every user may write
/// in, any process can plant names (symlinks, FIFOs, links) or fill the volume, and without the sticky bit delete or
/// replace the secret files. The writer refuses the planted names either way; <c>check</c> and the start of
/// <c>run</c> now say the directory invites it.
/// </summary>
public sealed class WorldWritableOutputDirectoryTests
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Theory]
    [InlineData(false, "writable by every user without the sticky bit (mode 0777)")]
    [InlineData(true, "writable by every user (mode 1777)")]
    public async Task CheckAndRun_WorldWritableDirectory_Warn(bool sticky, string warning)
    {
        using var workspace = new TempWorkspace();
        var config = Config(workspace);
        File.SetUnixFileMode(workspace.Output, sticky ? Open | UnixFileMode.StickyBit : Open);

        using var check = await SidecarProcess.RunAsync("check", "-c", config);
        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(check.ExitCode == 0, check.Transcript);
        Assert.Contains($"warning: output.dir: output directory {workspace.Output} is {warning}", check.Stdout, StringComparison.Ordinal);
        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Contains($"output directory {workspace.Output} is {warning}", once.Stderr, StringComparison.Ordinal);
        Assert.Equal("CANARY-ww-0c3f", workspace.ReadOutput("jwt_secret"));
    }

    [Fact]
    public async Task CheckAndRun_OwnerOnlyDirectory_NoWarning()
    {
        using var workspace = new TempWorkspace();
        var config = Config(workspace);
        File.SetUnixFileMode(workspace.Output, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        using var check = await SidecarProcess.RunAsync("check", "-c", config);
        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(check.ExitCode == 0 && once.ExitCode == 0, check.Transcript + once.Transcript);
        Assert.DoesNotContain("writable by every user", check.Transcript + once.Transcript, StringComparison.Ordinal);
    }

    private static string Config(TempWorkspace workspace)
    {
        workspace.WriteSource("app/jwt_secret.txt", "CANARY-ww-0c3f");
        return workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src/app }
                files: { jwt_secret: {} }
            """);
    }
}
