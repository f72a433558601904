using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class SecretFileWriterExistingFileTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly SecretFileWriter _writer;

    public SecretFileWriterExistingFileTests() => _writer = new SecretFileWriter(_dir.Path);

    public void Dispose() => _dir.Dispose();

    private string PasswordFile => _dir.File("postgres_password");

    [Fact]
    public void Write_SameBytes_UnchangedWithSameInodeAndMtime()
    {
        var target = new FileTarget("postgres_password", Octal.Mode("600"), null, null);
        _writer.Write(target, SecretValue.FromUtf8("hunter2"));
        File.SetLastWriteTimeUtc(PasswordFile, LongAgo);
        var before = FileStat.Of(PasswordFile);

        var outcome = _writer.Write(target, SecretValue.FromUtf8("hunter2"));

        Assert.Equal(WriteOutcome.Unchanged, outcome);
        Assert.Equal(before, FileStat.Of(PasswordFile));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(PasswordFile));
    }

    [Fact]
    public void Write_ChangedBytes_WrittenToNewInode()
    {
        var target = new FileTarget("postgres_password", Octal.Mode("640"), null, null);
        _writer.Write(target, SecretValue.FromUtf8("old-password"));
        File.SetLastWriteTimeUtc(PasswordFile, LongAgo);
        var before = FileStat.Of(PasswordFile);

        var outcome = _writer.Write(target, SecretValue.FromUtf8("new"));

        var after = FileStat.Of(PasswordFile);
        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Equal("new", File.ReadAllText(PasswordFile));
        Assert.NotEqual(before.Inode, after.Inode);
        Assert.Equal(Octal.Mode("640"), after.Mode);
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(PasswordFile));
    }

    [Fact]
    public void Write_SameLengthDifferentBytes_Written()
    {
        var target = new FileTarget("postgres_password", Octal.Mode("600"), null, null);
        _writer.Write(target, SecretValue.FromUtf8("aaaa"));

        Assert.Equal(WriteOutcome.Written, _writer.Write(target, SecretValue.FromUtf8("aaab")));
        Assert.Equal("aaab", File.ReadAllText(PasswordFile));
    }

    [Fact]
    public void Write_SameBytesWrongMode_MetadataFixedInPlace()
    {
        var target = new FileTarget("postgres_password", Octal.Mode("600"), null, null);
        _writer.Write(target, SecretValue.FromUtf8("hunter2"));
        Octal.Chmod(PasswordFile, "644");
        var inode = FileStat.Of(PasswordFile).Inode;

        var outcome = _writer.Write(target, SecretValue.FromUtf8("hunter2"));

        var after = FileStat.Of(PasswordFile);
        Assert.Equal(WriteOutcome.MetadataFixed, outcome);
        Assert.Equal(Octal.Mode("600"), after.Mode);
        Assert.Equal(inode, after.Inode);
        Assert.Equal("hunter2", File.ReadAllText(PasswordFile));
    }

    [Fact]
    public void Write_PlantedFileWithSameBytesAndWideMode_MetadataFixed()
    {
        File.WriteAllText(PasswordFile, "hunter2");
        Octal.Chmod(PasswordFile, "666");

        var outcome = _writer.Write(new FileTarget("postgres_password", Octal.Mode("400"), null, null), SecretValue.FromUtf8("hunter2"));

        Assert.Equal(WriteOutcome.MetadataFixed, outcome);
        Assert.Equal(Octal.Mode("400"), FileStat.Of(PasswordFile).Mode);
    }

    [Fact]
    public void Write_SameBytesWrongOwner_MetadataFixedInPlace()
    {
        Assert.True(TestLibc.GetEuid() == 0, "ownership tests need root, as in CI");
        _writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("hunter2"));
        var before = FileStat.Of(PasswordFile);

        var outcome = _writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), 1234, 1234), SecretValue.FromUtf8("hunter2"));

        var after = FileStat.Of(PasswordFile);
        Assert.Equal(WriteOutcome.MetadataFixed, outcome);
        Assert.Equal("1234:1234", after.Owner);
        Assert.Equal(before.Inode, after.Inode);
    }

    [Fact]
    public void Write_SameBytesNoOwnerConfigured_LeavesOwnerAlone()
    {
        Assert.True(TestLibc.GetEuid() == 0, "ownership tests need root, as in CI");
        _writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), 1234, 1234), SecretValue.FromUtf8("hunter2"));

        var outcome = _writer.Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("hunter2"));

        Assert.Equal(WriteOutcome.Unchanged, outcome);
        Assert.Equal("1234:1234", FileStat.Of(PasswordFile).Owner);
    }

    [Fact]
    public void Write_UpdateNeverAndDifferentBytes_KeptExistingUntouched()
    {
        _writer.Write(new FileTarget("validator_key", Octal.Mode("400"), null, null), SecretValue.FromUtf8("{\"key\":\"original\"}"));
        File.SetLastWriteTimeUtc(_dir.File("validator_key"), LongAgo);
        var before = FileStat.Of(_dir.File("validator_key"));

        var outcome = _writer.Write(new FileTarget("validator_key", Octal.Mode("400"), null, null, MayReplace: false), SecretValue.FromUtf8("{\"key\":\"rotated\"}"));

        Assert.Equal(WriteOutcome.KeptExisting, outcome);
        Assert.Equal("{\"key\":\"original\"}", File.ReadAllText(_dir.File("validator_key")));
        Assert.Equal(before, FileStat.Of(_dir.File("validator_key")));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(_dir.File("validator_key")));
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public void Write_UpdateNeverAndAbsent_Written()
    {
        var outcome = _writer.Write(new FileTarget("node_key", Octal.Mode("400"), null, null, MayReplace: false), SecretValue.FromUtf8("k"));

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Equal("k", File.ReadAllText(_dir.File("node_key")));
    }
}
