using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>
/// Red-team findings on the shared volume (issue 15): a hard link at a target made the writer "fix" the mode and
/// owner of the file outside the output directory it points to; a temporary file swapped for a symlink between
/// create and rename was renamed into place and reported as written.
/// </summary>
public sealed class SecretFileWriterSharedVolumeTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly TempDirectory _outside = TempDirectory.Create();

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    private string Target => _dir.File("postgres_password");

    [Fact]
    public void HardLinkAtTarget_SameBytesOtherModeAndOwner_OutsideFileUntouchedAndTargetReplaced()
    {
        var victim = _outside.File("victim");
        File.WriteAllText(victim, "hunter2");
        Octal.Chmod(victim, "644");
        var before = FileStat.Of(victim);
        Link(victim, Target);

        var outcome = new SecretFileWriter(_dir.Path).Write(new FileTarget("postgres_password", Octal.Mode("600"), 4321, 4321), SecretValue.FromUtf8("hunter2"));

        Assert.Equal(WriteOutcome.Relinked, outcome);
        Assert.Equal(before, FileStat.Of(victim));
        Assert.Equal("hunter2", File.ReadAllText(victim));
        var placed = FileStat.Of(Target);
        Assert.NotEqual(before.Inode, placed.Inode);
        Assert.Equal(Octal.Mode("600"), placed.Mode);
        Assert.Equal("4321:4321", placed.Owner);
        Assert.Equal("hunter2", File.ReadAllText(Target));
        Assert.Equal("1", Tool.Run("/usr/bin/stat", "-c", "%h", victim).Trim());
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public void HardLinkAtTarget_SameBytesRightMode_StillReplacedSoTheOtherNameCannotChangeIt()
    {
        var victim = _outside.File("victim");
        File.WriteAllText(victim, "hunter2");
        Octal.Chmod(victim, "600");
        Link(victim, Target);

        var outcome = new SecretFileWriter(_dir.Path).Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("hunter2"));

        Assert.Equal(WriteOutcome.Relinked, outcome);
        File.WriteAllText(victim, "changed through the other name");
        Assert.Equal("hunter2", File.ReadAllText(Target));
    }

    [Fact]
    public void TempSwappedForSymlink_BeforeTheRename_RefusedAndTargetUnchanged()
    {
        var victim = _outside.File("victim");
        File.WriteAllText(victim, "precious");
        var swapper = new Swapper(victim, verified: false);
        var writer = new SecretFileWriter(_dir.Path, swapper);
        writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("old"));
        var before = FileStat.Of(Target);
        swapper.Armed = true;

        var error = Assert.Throws<OutputException>(() => writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("new")));

        Assert.Equal("the temporary file for postgres_password was replaced by another process before the rename: refused; the previous postgres_password is kept", error.Message);
        Assert.Null(new FileInfo(Target).LinkTarget);
        Assert.Equal(before, FileStat.Of(Target));
        Assert.Equal("old", File.ReadAllText(Target));
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public void TempSwappedForSymlink_AfterTheCheck_WhatTheRenamePlacedIsRemoved()
    {
        var victim = _outside.File("victim");
        File.WriteAllText(victim, "precious");
        var swapper = new Swapper(victim, verified: true);
        var writer = new SecretFileWriter(_dir.Path, swapper);
        writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("old"));
        swapper.Armed = true;

        var error = Assert.Throws<OutputException>(() => writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("new")));

        Assert.Contains("replaced by another process during the rename", error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Target), "the planted symlink must not stay at the target");
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(WriteOutcome.Written, writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("new")));
        Assert.Equal("new", File.ReadAllText(Target));
    }

    private static void Link(string existing, string name) => Tool.Run("/usr/bin/ln", existing, name);

    /// <summary>Plays the app sharing the volume: moves the temporary file away and puts a symlink at its name.</summary>
    private sealed class Swapper(string victim, bool verified) : IWriteRaceProbe
    {
        /// <summary>Swaps at the next write only.</summary>
        public bool Armed { get; set; }

        public void TempWritten(string directory, string tempName)
        {
            if (!verified)
            {
                Swap(directory, tempName);
            }
        }

        public void TempVerified(string directory, string tempName)
        {
            if (verified)
            {
                Swap(directory, tempName);
            }
        }

        private void Swap(string directory, string tempName)
        {
            if (!Armed)
            {
                return;
            }

            Armed = false;
            var temp = Path.Combine(directory, tempName);
            File.Delete(temp);
            File.CreateSymbolicLink(temp, victim);
        }
    }
}
