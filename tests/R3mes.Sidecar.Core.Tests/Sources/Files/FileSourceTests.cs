using System.IO.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Sources.Files;

public sealed class FileSourceTests : IDisposable
{
    private const string Canary = "CANARY-5d2b";
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly DirectoryWatcher _watcher = new(TimeProvider.System, NullLogger<DirectoryWatcher>.Instance);

    public void Dispose()
    {
        _watcher.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task FetchAsync_Directory_FieldsNamedWithoutTxtAndHiddenSkipped()
    {
        File.WriteAllText(_dir.File("jwt_secret.txt"), "jwt\n");
        File.WriteAllText(_dir.File("redis_password"), "redis");
        File.WriteAllText(_dir.File("cert.pem.txt"), "pem");
        File.WriteAllText(_dir.File(".env"), Canary);
        Directory.CreateDirectory(_dir.File("nested"));

        var data = await Source(_dir.Path).FetchAsync(CancellationToken.None);

        Assert.Null(data.Raw);
        Assert.Equal(["cert.pem", "jwt_secret", "redis_password"], data.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("jwt\n", data.Fields["jwt_secret"].RevealUtf8());
        Assert.Equal("pem", data.Fields["cert.pem"].RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_KubernetesSecretVolume_FieldsThroughSymlinks()
    {
        Directory.CreateDirectory(_dir.File("..2026_01_01_00_00_00.1"));
        File.WriteAllText(_dir.File("..2026_01_01_00_00_00.1/jwt_secret"), "jwt");
        Directory.CreateSymbolicLink(_dir.File("..data"), "..2026_01_01_00_00_00.1");
        File.CreateSymbolicLink(_dir.File("jwt_secret"), "..data/jwt_secret");

        var data = await Source(_dir.Path).FetchAsync(CancellationToken.None);

        Assert.Equal("jwt", Assert.Single(data.Fields, f => f.Key == "jwt_secret").Value.RevealUtf8());
        Assert.Single(data.Fields);
    }

    [Fact]
    public async Task FetchAsync_JsonFile_RawAndFields()
    {
        File.WriteAllText(_dir.File("node_key.json"), "{ \"priv\": \"k1\", \"n\": 5, \"obj\": { \"a\": [1, 2] } }");

        var data = await Source(_dir.File("node_key.json")).FetchAsync(CancellationToken.None);

        Assert.Equal("{ \"priv\": \"k1\", \"n\": 5, \"obj\": { \"a\": [1, 2] } }", data.Raw!.RevealUtf8());
        Assert.Equal("k1", data.Fields["priv"].RevealUtf8());
        Assert.Equal("5", data.Fields["n"].RevealUtf8());
        Assert.Equal("{ \"a\": [1, 2] }", data.Fields["obj"].RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_PlainFile_RawOnly()
    {
        File.WriteAllBytes(_dir.File("jwt_secret.txt"), [0xFF, 0x00, (byte)'x']);

        var data = await Source(_dir.File("jwt_secret.txt")).FetchAsync(CancellationToken.None);

        Assert.Equal(new byte[] { 0xFF, 0x00, (byte)'x' }, data.Raw!.Reveal().ToArray());
        Assert.Empty(data.Fields);
    }

    [Theory]
    [InlineData("{Xy7#pass")]
    [InlineData("{ \"priv\": \"" + Canary + "\", ")]
    public async Task FetchAsync_StartsWithBraceButNotJson_WholeValueWithoutFields(string content)
    {
        File.WriteAllText(_dir.File("pw"), content);

        var data = await Source(_dir.File("pw")).FetchAsync(CancellationToken.None);

        Assert.Equal(content, data.Raw!.RevealUtf8());
        Assert.Empty(data.Fields);
    }

    [Fact]
    public async Task FetchAsync_PathRemoved_SourceExceptionNamingPath()
    {
        Directory.CreateDirectory(_dir.File("secrets"));
        var source = Source(_dir.File("secrets"));
        Directory.Delete(_dir.File("secrets"));

        var error = await Assert.ThrowsAsync<SecretSourceException>(() => source.FetchAsync(CancellationToken.None).AsTask());

        Assert.Equal($"file {_dir.File("secrets")}: no such file or directory", error.Message);
        Assert.True(error.Transient);
    }

    [Fact]
    public async Task FetchAsync_FileOver1MiB_PermanentError()
    {
        File.WriteAllBytes(_dir.File("big"), new byte[(1 << 20) + 1]);

        var error = await Assert.ThrowsAsync<SecretSourceException>(() => Source(_dir.Path).FetchAsync(CancellationToken.None).AsTask());

        Assert.Contains("big is larger than 1 MiB", error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task FetchAsync_FileChanged_NewValueAndVersionWithoutContent()
    {
        File.WriteAllText(_dir.File("jwt_secret.txt"), Canary);
        var source = Source(_dir.Path);
        var first = await source.FetchAsync(CancellationToken.None);
        var again = await source.FetchAsync(CancellationToken.None);

        File.WriteAllText(_dir.File("jwt_secret.txt"), "rotated-longer-value");
        var changed = await source.FetchAsync(CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal("rotated-longer-value", changed.Fields["jwt_secret"].RevealUtf8());
        Assert.NotEqual(first.Freshness.Version, changed.Freshness.Version);
        Assert.DoesNotContain(Canary, first.Freshness.Version!, StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_FileInDirectoryChanges_Notified()
    {
        File.WriteAllText(_dir.File("jwt_secret.txt"), "one");
        using var changed = new ManualResetEventSlim();
        using var watch = Watchable(_dir.Path).Watch(changed.Set);

        File.WriteAllText(_dir.File("jwt_secret.txt"), "two");

        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "no change notification within 10 s");
    }

    [Fact]
    public void Watch_SingleFileReplaced_Notified()
    {
        File.WriteAllText(_dir.File("node_key.json"), "{}");
        using var changed = new ManualResetEventSlim();
        using var watch = Watchable(_dir.File("node_key.json")).Watch(changed.Set);

        File.WriteAllText(_dir.File("node_key.json.new"), "{\"a\":1}");
        File.Move(_dir.File("node_key.json.new"), _dir.File("node_key.json"), overwrite: true);

        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "no change notification within 10 s");
    }

    private ISecretSource Source(string path) => new FileSource(new FileSystem(), path, _watcher, TimeProvider.System, TimeSpan.Zero);

    private IWatchableSource Watchable(string path) => new FileSource(new FileSystem(), path, _watcher, TimeProvider.System, TimeSpan.Zero);
}
