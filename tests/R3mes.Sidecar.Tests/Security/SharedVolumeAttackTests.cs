using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// What another container sharing the output volume can plant, against the real binary: a symlink at a target
/// (consul-template #2156: it followed one and wrote outside its directory), the output directory itself swapped for
/// a symlink (CVE-2017-1002102: Kubernetes' atomic writer, driven through a symlink in the volume, removed files
/// outside it), a hard link to a file outside, a FIFO, a device node. Each ends with 0 writes outside the output
/// root (<see cref="Decoy"/>) and the sidecar still running or exiting as documented.
/// </summary>
public sealed class SharedVolumeAttackTests
{
    private const string Value = "CANARY-volume-3f9b";

    [Fact]
    public async Task ConsulTemplate2156_SymlinkAtTarget_RefusedAndNothingWrittenOutside()
    {
        using var workspace = new TempWorkspace();
        var decoy = new Decoy(workspace);
        File.CreateSymbolicLink(workspace.OutputFile("jwt_secret"), decoy.Victim);

        using var once = await SidecarProcess.RunAsync("once", "-c", Config(workspace));

        Assert.True(once.ExitCode == 1, once.Transcript);
        Assert.Contains("jwt_secret is a symlink in the output directory", once.Transcript, StringComparison.Ordinal);
        Assert.Equal(decoy.Victim, new FileInfo(workspace.OutputFile("jwt_secret")).LinkTarget);
        decoy.AssertUntouched();
    }

    [Fact]
    public async Task ConsulTemplate2156_SymlinkAtPredictableTempNames_NeverFollowed()
    {
        using var workspace = new TempWorkspace();
        var decoy = new Decoy(workspace);
        foreach (var name in new[] { ".jwt_secret.tmp", ".jwt_secret.tmp-000000000000", ".jwt_secret.swp", "jwt_secret.tmp", "jwt_secret~" })
        {
            File.CreateSymbolicLink(workspace.OutputFile(name), decoy.Victim);
        }

        using var once = await SidecarProcess.RunAsync("once", "-c", Config(workspace));

        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Equal(Value, workspace.ReadOutput("jwt_secret"));
        Assert.Null(new FileInfo(workspace.OutputFile("jwt_secret")).LinkTarget);
        decoy.AssertUntouched();
    }

    [Fact]
    public async Task Cve2017_1002102_OutputDirectorySwappedForSymlinkWhileRunning_NothingWrittenOutside()
    {
        using var workspace = new TempWorkspace();
        var decoy = new Decoy(workspace);
        using var run = SidecarProcess.Start(["run", "-c", Config(workspace)]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        Directory.Move(workspace.Output, workspace.PathOf("out.moved"));
        File.CreateSymbolicLink(workspace.Output, Path.Combine(decoy.Root, "out"));
        workspace.WriteSource("app/jwt_secret.txt", Value + "-next");

        await run.WaitForOutputAsync("is a symlink or not a directory: refusing to write through it");
        Assert.False(run.HasExited, run.Transcript);
        decoy.AssertUntouched();
        Assert.Equal(Value, File.ReadAllText(workspace.PathOf("out.moved/jwt_secret")));
    }

    [Fact]
    public async Task Cve2017_1002102_OutputDirectoryIsASymlinkAtStart_Refused()
    {
        using var workspace = new TempWorkspace();
        var decoy = new Decoy(workspace);
        Directory.Delete(workspace.Output);
        File.CreateSymbolicLink(workspace.Output, Path.Combine(decoy.Root, "out"));

        using var once = await SidecarProcess.RunAsync("once", "-c", Config(workspace));

        Assert.NotEqual(0, once.ExitCode);
        Assert.Contains("is a symlink or not a directory", once.Transcript, StringComparison.Ordinal);
        decoy.AssertUntouched();
    }

    [Theory]
    [InlineData("decoy bytes the sidecar must never write\n")]
    [InlineData("other bytes")]
    public async Task HardLinkToAFileOutside_Replaced_OutsideFileUntouched(string linkedContent)
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "decoy bytes the sidecar must never write\n");
        var decoy = new Decoy(workspace);
        if (linkedContent != File.ReadAllText(decoy.Victim))
        {
            workspace.WriteSource("app/jwt_secret.txt", linkedContent);
        }

        Unix.HardLink(decoy.Victim, workspace.OutputFile("jwt_secret"));

        using var once = await SidecarProcess.RunAsync("once", "-c", Config(workspace, write: false));

        Assert.True(once.ExitCode == 0, once.Transcript);
        var placed = FileStatus.Of(workspace.OutputFile("jwt_secret"));
        Assert.NotEqual(FileStatus.Of(decoy.Victim).Inode, placed.Inode);
        Assert.Equal("600", placed.Mode);
        Assert.Equal(linkedContent, workspace.ReadOutput("jwt_secret"));
        decoy.AssertUntouched();
    }

    /// <summary>
    /// A FIFO (opening it for writing would block the sidecar) or a device node (opening it may act on the device) at a
    /// target: refused by its type from lstat, never opened.
    /// </summary>
    [Theory]
    [InlineData("fifo")]
    [InlineData("device")]
    public async Task Cve2017_1002102_SpecialFileAtTarget_RefusedWithoutOpening(string kind)
    {
        using var workspace = new TempWorkspace();
        var target = workspace.OutputFile("jwt_secret");
        if (kind == "fifo")
        {
            SpecialFiles.Fifo(target);
        }
        else
        {
            SpecialFiles.NullDevice(target);
        }

        using var opens = new OpenWatch(target);

        using var once = await SidecarProcess.RunAsync("once", "-c", Config(workspace));

        Assert.True(once.ExitCode == 1, once.Transcript);
        Assert.Contains("jwt_secret in the output directory is not a regular file", once.Transcript, StringComparison.Ordinal);
        Assert.Equal(0, opens.Opens(target));
    }

    private static string Config(TempWorkspace workspace, bool write = true)
    {
        if (write)
        {
            workspace.WriteSource("app/jwt_secret.txt", Value);
        }

        return workspace.WriteConfig("""
            output: { dir: out }
            retry_budget: 1s
            secrets:
              - name: app
                source: { file: src/app, settle: 20ms }
                files: { jwt_secret: {} }
                refresh: 100ms
            """);
    }
}
