using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>What the app may plant in the shared volume (CONTRACT §5: never trust what is already in it).</summary>
public sealed class SecretFileWriterRefusalTests : IDisposable
{
    private static readonly FileTarget Target = new("jwt_secret", Octal.Mode("600"), null, null);
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly TempDirectory _outside = TempDirectory.Create();

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void Write_SymlinkAtTarget_RefusedAndLinkTargetUntouched()
    {
        var victim = _outside.File("shadow");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(_dir.File("jwt_secret"), victim);

        var error = Assert.Throws<OutputException>(() => new SecretFileWriter(_dir.Path).Write(Target, SecretValue.FromUtf8("attacker-controlled")));

        Assert.Contains("jwt_secret is a symlink", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(victim, new FileInfo(_dir.File("jwt_secret")).LinkTarget);
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public void Write_DanglingSymlinkAtTarget_RefusedAndNothingCreated()
    {
        var wouldBeCreated = _outside.File("created-through-link");
        File.CreateSymbolicLink(_dir.File("jwt_secret"), wouldBeCreated);

        Assert.Throws<OutputException>(() => new SecretFileWriter(_dir.Path).Write(Target, SecretValue.FromUtf8("x")));

        Assert.False(File.Exists(wouldBeCreated));
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public void Write_SameBytesThroughSymlink_RefusedAndLinkTargetModeUntouched()
    {
        var victim = _outside.File("victim");
        File.WriteAllText(victim, "same");
        Octal.Chmod(victim, "644");
        File.CreateSymbolicLink(_dir.File("jwt_secret"), victim);

        Assert.Throws<OutputException>(() => new SecretFileWriter(_dir.Path).Write(Target, SecretValue.FromUtf8("same")));

        Assert.Equal(Octal.Mode("644"), FileStat.Of(victim).Mode);
    }

    [Fact]
    public void Write_DirectoryAtTarget_RefusedAndDirectoryKept()
    {
        Directory.CreateDirectory(_dir.File("jwt_secret"));
        File.WriteAllText(Path.Combine(_dir.File("jwt_secret"), "inner"), "inner-bytes");

        var error = Assert.Throws<OutputException>(() => new SecretFileWriter(_dir.Path).Write(Target, SecretValue.FromUtf8("x")));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Equal("inner-bytes", File.ReadAllText(Path.Combine(_dir.File("jwt_secret"), "inner")));
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public async Task Write_FifoAtTarget_RefusedWithoutHanging()
    {
        Tool.Run("/usr/bin/mkfifo", _dir.File("jwt_secret"));
        var writer = new SecretFileWriter(_dir.Path);

        var write = Task.Run(() => writer.Write(Target, SecretValue.FromUtf8("x")));

        var error = await Assert.ThrowsAsync<OutputException>(() => write.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public void Write_OutputDirectoryIsSymlink_Refused()
    {
        var link = _outside.File("secrets-link");
        Directory.CreateSymbolicLink(link, _dir.Path);

        var error = Assert.Throws<OutputException>(() => new SecretFileWriter(link).Write(Target, SecretValue.FromUtf8("x")));

        Assert.Contains(link, error.Message, StringComparison.Ordinal);
        Assert.Contains("symlink", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/.")]
    public void Write_OutputDirectorySymlinkWithTrailingSlash_Refused(string ending)
    {
        var link = _outside.File("secrets-link");
        Directory.CreateSymbolicLink(link, _dir.Path);

        Assert.Throws<OutputException>(() => new SecretFileWriter(link + ending).Write(Target, SecretValue.FromUtf8("x")));

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Write_OutputDirectoryMissing_ErrorNamesDirectory()
    {
        var missing = _dir.File("not-there");

        var error = Assert.Throws<OutputException>(() => new SecretFileWriter(missing).Write(Target, SecretValue.FromUtf8("x")));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Write_OutputDirectoryIsAFile_Refused()
    {
        File.WriteAllText(_dir.File("plain"), "");

        var error = Assert.Throws<OutputException>(() => new SecretFileWriter(_dir.File("plain")).Write(Target, SecretValue.FromUtf8("x")));

        Assert.Contains(_dir.File("plain"), error.Message, StringComparison.Ordinal);
    }
}
