using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Sources.Env;

namespace R3mes.Sidecar.Core.Tests.Sources.Env;

public sealed class EnvSourceTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FetchAsync_NameFileAndName_FileWins()
    {
        File.WriteAllText(_dir.File("jwt"), "from-file\n");
        _environment["JWT_SECRET_FILE"] = _dir.File("jwt");
        _environment["JWT_SECRET"] = "from-variable";

        var data = await Source("JWT_SECRET").FetchAsync(CancellationToken.None);

        Assert.Equal("from-file\n", data.Raw!.RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_NameOnly_VariableValue()
    {
        _environment["JWT_SECRET"] = "from-variable";

        Assert.Equal("from-variable", (await Source("JWT_SECRET").FetchAsync(CancellationToken.None)).Raw!.RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_EmptyNameFile_FallsBackToName()
    {
        _environment["JWT_SECRET_FILE"] = "";
        _environment["JWT_SECRET"] = "from-variable";

        Assert.Equal("from-variable", (await Source("JWT_SECRET").FetchAsync(CancellationToken.None)).Raw!.RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_Neither_PermanentErrorNamingBoth()
    {
        var error = await Assert.ThrowsAsync<SecretSourceException>(() => Source("JWT_SECRET").FetchAsync(CancellationToken.None).AsTask());

        Assert.Equal("env JWT_SECRET: neither $JWT_SECRET_FILE nor $JWT_SECRET is set", error.Message);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task FetchAsync_NameFileMissing_TransientErrorNamingFile()
    {
        _environment["JWT_SECRET_FILE"] = _dir.File("missing");
        _environment["JWT_SECRET"] = "CANARY-env";

        var error = await Assert.ThrowsAsync<SecretSourceException>(() => Source("JWT_SECRET").FetchAsync(CancellationToken.None).AsTask());

        Assert.Equal($"env JWT_SECRET: cannot read $JWT_SECRET_FILE ({_dir.File("missing")}): FileNotFoundException", error.Message);
        Assert.True(error.Transient);
    }

    [Fact]
    public async Task FetchAsync_JsonValue_Fields()
    {
        _environment["PG"] = "{\"username\":\"u\",\"password\":\"p\"}";

        var data = await Source("PG").FetchAsync(CancellationToken.None);

        Assert.Equal("p", data.Fields["password"].RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_PlainValueStartingWithBrace_WholeValueWithoutFields()
    {
        _environment["DB_PASSWORD"] = "{Xy7#pass";

        var data = await Source("DB_PASSWORD").FetchAsync(CancellationToken.None);

        Assert.Equal("{Xy7#pass", data.Raw!.RevealUtf8());
        Assert.Empty(data.Fields);
    }

    [Fact]
    public async Task FetchAsync_VariableChangesLater_FirstValueKept()
    {
        _environment["JWT_SECRET"] = "first";
        var source = Source("JWT_SECRET");
        await source.FetchAsync(CancellationToken.None);
        _environment["JWT_SECRET"] = "second";

        Assert.Equal("first", (await source.FetchAsync(CancellationToken.None)).Raw!.RevealUtf8());
    }

    private EnvSource Source(string name) => new(name, variable => _environment.GetValueOrDefault(variable));
}
