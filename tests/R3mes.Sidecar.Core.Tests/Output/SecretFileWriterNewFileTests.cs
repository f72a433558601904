using System.Text;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class SecretFileWriterNewFileTests : IDisposable
{
    private static readonly byte[] Secret = [.. "p@ss\nw0rd"u8, 0, 0xFF, 0x01];
    private readonly TempDirectory _dir = TempDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("600")]
    [InlineData("400")]
    [InlineData("640")]
    [InlineData("440")]
    public void Write_NewFile_HasConfiguredModeAndExactBytes(string mode)
    {
        var outcome = new SecretFileWriter(_dir.Path).Write(new FileTarget("jwt_secret", Octal.Mode(mode), null, null), SecretValue.FromBytes(Secret));

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Equal(Secret, File.ReadAllBytes(_dir.File("jwt_secret")));
        Assert.Equal(Octal.Mode(mode), FileStat.Of(_dir.File("jwt_secret")).Mode);
    }

    [Fact]
    public void Write_UidAndGid_SetsOwner()
    {
        Assert.True(TestLibc.GetEuid() == 0, "ownership tests need root, as in CI");

        new SecretFileWriter(_dir.Path).Write(new FileTarget("postgres_password", Octal.Mode("400"), 1234, 1234), SecretValue.FromUtf8("pw"));

        var stat = FileStat.Of(_dir.File("postgres_password"));
        Assert.Equal("1234:1234", stat.Owner);
        Assert.Equal(Octal.Mode("400"), stat.Mode);
        Assert.Equal("pw", File.ReadAllText(_dir.File("postgres_password")));
    }

    [Fact]
    public void Write_OnlyGid_SetsGroupAndKeepsOwnUser()
    {
        Assert.True(TestLibc.GetEuid() == 0, "ownership tests need root, as in CI");

        new SecretFileWriter(_dir.Path).Write(new FileTarget("ssl_private_key", Octal.Mode("640"), null, 1234), SecretValue.FromUtf8("key"));

        Assert.Equal("0:1234", FileStat.Of(_dir.File("ssl_private_key")).Owner);
    }

    [Fact]
    public void Write_NoOwnerConfigured_FileBelongsToTheSidecar()
    {
        new SecretFileWriter(_dir.Path).Write(new FileTarget("redis_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("x"));

        Assert.Equal(FileStat.Of(_dir.Path).Owner, FileStat.Of(_dir.File("redis_password")).Owner);
    }

    [Fact]
    public void Write_EmptyValue_CreatesEmptyFile()
    {
        var outcome = new SecretFileWriter(_dir.Path).Write(new FileTarget("empty", Octal.Mode("600"), null, null), SecretValue.FromBytes([]));

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Empty(File.ReadAllBytes(_dir.File("empty")));
    }

    [Fact]
    public void Write_Success_LeavesNoTemporaryFiles()
    {
        var writer = new SecretFileWriter(_dir.Path);
        writer.Write(new FileTarget("a", Octal.Mode("600"), null, null), SecretValue.FromUtf8("one"));
        writer.Write(new FileTarget("a", Octal.Mode("600"), null, null), SecretValue.FromUtf8("two"));

        Assert.Empty(_dir.HiddenEntries());
        Assert.Equal(["a"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(255, 'a')]
    [InlineData(127, 'ü')]
    public void Write_LongestAllowedName_Writes(int count, char letter)
    {
        var name = new string(letter, count);
        // Too long for ".{name}.tmp-{12 hex}" to fit the 255-byte limit: the temporary name must still be valid.
        Assert.True(Encoding.UTF8.GetByteCount(name) is > 237 and <= 255);

        var outcome = new SecretFileWriter(_dir.Path).Write(new FileTarget(name, Octal.Mode("600"), null, null), SecretValue.FromUtf8("v"));

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Equal("v", File.ReadAllText(_dir.File(name)));
        Assert.Empty(_dir.HiddenEntries());
    }
}
