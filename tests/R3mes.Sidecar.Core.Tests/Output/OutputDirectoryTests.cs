using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class OutputDirectoryTests
{
    [Fact]
    public void Verify_DirectoryOnDevShm_True()
    {
        using var dir = TempDirectory.InSharedMemory();
        Assert.Equal("tmpfs", FileStat.FileSystemType(dir.Path));

        Assert.True(OutputDirectory.Verify(dir.Path));
    }

    [Fact]
    public void Verify_DirectoryUnderTmp_TrueOnlyWhenTmpIsInMemory()
    {
        using var dir = TempDirectory.Create();
        var inMemory = FileStat.FileSystemType(dir.Path) is "tmpfs" or "ramfs";

        Assert.Equal(inMemory, OutputDirectory.Verify(dir.Path));
    }

    [Fact]
    public void Verify_MissingDirectory_ThrowsNamingIt()
    {
        using var dir = TempDirectory.Create();
        var missing = dir.File("missing");

        var error = Assert.Throws<OutputException>(() => OutputDirectory.Verify(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SymlinkToTmpfs_Throws()
    {
        using var target = TempDirectory.InSharedMemory();
        using var dir = TempDirectory.Create();
        var link = dir.File("secrets");
        Directory.CreateSymbolicLink(link, target.Path);

        Assert.Throws<OutputException>(() => OutputDirectory.Verify(link));
    }
}
