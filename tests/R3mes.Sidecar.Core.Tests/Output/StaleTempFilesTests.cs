using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>
/// Temporary files a killed sidecar left behind are removed at start — only regular files of the writer's exact
/// pattern; look-alike names, symlinks and directories with the pattern, and the secrets themselves stay.
/// </summary>
public sealed class StaleTempFilesTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly TempDirectory _elsewhere = TempDirectory.Create();
    private readonly RecordingLoggerProvider _log = new();

    public void Dispose()
    {
        _dir.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public void Remove_PlantedNames_OnlyTheWritersRegularTempFilesRemovedAndCounted()
    {
        string[] stale = [".redis_password.tmp-0123456789ab", ".f14.tmp-a1b2c3d4e5f6", "." + new string('k', 237) + ".tmp-abcdefabcdef"];
        string[] kept =
        [
            "redis_password", ".redis_password.tmp-0123456789AB", ".f14.tmp-a1b2c3d4e5", ".f14.tmp-a1b2c3d4e5f67",
            "f14.tmp-a1b2c3d4e5f6", ".tmp-a1b2c3d4e5f6", ".f14.tmp-a1b2c3d4e5f6.bak", ".env",
        ];
        foreach (var name in stale.Concat(kept))
        {
            File.WriteAllText(_dir.File(name), "superseded-secret");
        }

        File.WriteAllText(_elsewhere.File("target"), "not ours");
        File.CreateSymbolicLink(_dir.File(".link.tmp-0123456789ab"), _elsewhere.File("target"));
        Directory.CreateDirectory(_dir.File(".dir.tmp-0123456789ab"));
        using var factory = _log.CreateFactory();

        var removed = StaleTempFiles.Remove(_dir.Path, factory.CreateLogger("test"));

        Assert.Equal(3, removed);
        Assert.All(stale, name => Assert.False(File.Exists(_dir.File(name)), $"{name} should be removed"));
        Assert.All(kept, name => Assert.True(File.Exists(_dir.File(name)), $"{name} should stay"));
        Assert.True(new FileInfo(_dir.File(".link.tmp-0123456789ab")).LinkTarget is not null, "the symlink with the pattern stays");
        Assert.Equal("not ours", File.ReadAllText(_elsewhere.File("target")));
        Assert.True(Directory.Exists(_dir.File(".dir.tmp-0123456789ab")));
        Assert.Contains(_log.Lines, l => l.Contains($"removed 3 temporary file(s) a previous run left in {_dir.Path}", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_NothingStale_NothingLogged()
    {
        File.WriteAllText(_dir.File("jwt_secret"), "x");
        using var factory = _log.CreateFactory();

        Assert.Equal(0, StaleTempFiles.Remove(_dir.Path, factory.CreateLogger("test")));
        Assert.Empty(_log.Lines);
        Assert.True(File.Exists(_dir.File("jwt_secret")));
    }

    [Theory]
    [InlineData("redis_password")]
    [InlineData("f14")]
    [InlineData("bundle.p12")]
    [InlineData("ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ-ключ")]
    public void IsTempName_EveryNameTheWriterMakes_Matches(string file)
    {
        var temp = SecretFileWriter.TempName(file);

        Assert.True(StaleTempFiles.IsTempName(temp), temp);
        Assert.False(StaleTempFiles.IsTempName(file));
    }
}
