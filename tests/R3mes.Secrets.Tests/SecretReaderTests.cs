using System.Runtime.Versioning;
using System.Text;
using R3mes.Secrets.Tests.TestSupport;

namespace R3mes.Secrets.Tests;

public sealed class SecretReaderTests : IDisposable
{
    private readonly TempSecretDirectory _secrets = new();
    private readonly TempSecretDirectory _elsewhere = new();
    private readonly FakeEnvironment _environment = new();

    public void Dispose()
    {
        _secrets.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public void Get_FileAndBothVariables_FileWins()
    {
        _secrets.Write("jwt_secret", "from-dir");
        _elsewhere.Write("jwt", "from-file-variable");
        _environment["JWT_SECRET_FILE"] = _elsewhere.PathOf("jwt");
        _environment["JWT_SECRET"] = "from-variable";

        Assert.Equal("from-dir", Reader().Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_NoFileButBothVariables_FileVariableWins()
    {
        _elsewhere.Write("jwt", "from-file-variable");
        _environment["JWT_SECRET_FILE"] = _elsewhere.PathOf("jwt");
        _environment["JWT_SECRET"] = "from-variable";

        Assert.Equal("from-file-variable", Reader().Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_OnlyPlainVariable_ReturnsIt()
    {
        _environment["JWT_SECRET"] = "from-variable";

        Assert.Equal("from-variable", Reader().Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_EmptyFileVariable_FallsThroughToPlainVariable()
    {
        _environment["JWT_SECRET_FILE"] = "";
        _environment["JWT_SECRET"] = "from-variable";

        Assert.Equal("from-variable", Reader().Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_NothingAnywhere_MessageListsAllThreePlaces()
    {
        var error = Assert.Throws<SecretNotFoundException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.Equal(
            $"secret 'jwt_secret' not found; looked in: file {_secrets.PathOf("jwt_secret")} (missing), "
            + "$JWT_SECRET_FILE (unset), $JWT_SECRET (unset)",
            error.Message);
        Assert.Equal("jwt_secret", error.SecretName);
    }

    [Fact]
    public void Get_EmptyVariables_MessageSaysEmpty()
    {
        _environment["JWT_SECRET_FILE"] = "";
        _environment["JWT_SECRET"] = "";

        var error = Assert.Throws<SecretNotFoundException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.EndsWith("$JWT_SECRET_FILE (empty), $JWT_SECRET (empty)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_FallbackDisabled_IgnoresVariablesAndSaysSo()
    {
        _environment["JWT_SECRET"] = "from-variable";

        var error = Assert.Throws<SecretNotFoundException>(
            () => Reader(options => options.AllowEnvironmentFallback = false).Get(SecretKey.JwtSecret));

        Assert.Equal(
            $"secret 'jwt_secret' not found; looked in: file {_secrets.PathOf("jwt_secret")} (missing); "
            + "environment fallback is disabled",
            error.Message);
    }

    [Fact]
    public void Get_FileVariableNamesMissingFile_FailsWithoutFallingBack()
    {
        _environment["JWT_SECRET_FILE"] = _elsewhere.PathOf("nope");
        _environment["JWT_SECRET"] = "stale";

        var error = Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.EndsWith("could not be read; looked in: file " + _secrets.PathOf("jwt_secret")
            + " (missing), $JWT_SECRET_FILE (set; its file: missing)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_SecretPathIsDirectory_ReportsItWithoutFallingBack()
    {
        Directory.CreateDirectory(_secrets.PathOf("jwt_secret"));
        _environment["JWT_SECRET"] = "stale";

        var error = Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.Equal(
            $"secret 'jwt_secret' could not be read; looked in: file {_secrets.PathOf("jwt_secret")} (is a directory)",
            error.Message);
    }

    [NotRootFact]
    [UnsupportedOSPlatform("windows")]
    public void Get_FileWithoutReadPermission_ReportsPermissionDenied()
    {
        _secrets.Write("jwt_secret", "x");
        File.SetUnixFileMode(_secrets.PathOf("jwt_secret"), UnixFileMode.None);

        var error = Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.EndsWith("(permission denied)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_FileLargerThanOneMebibyte_IsRefused()
    {
        File.WriteAllBytes(_secrets.PathOf("jwt_secret"), new byte[(1024 * 1024) + 1]);

        var error = Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.EndsWith("(larger than 1 MiB)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("value\n", "value")]
    [InlineData("value\r\n", "value")]
    [InlineData("value\n\n", "value\n")]
    [InlineData("value", "value")]
    public void Get_TrailingNewline_RemovesExactlyOne(string content, string expected)
    {
        _secrets.Write("jwt_secret", content);

        Assert.Equal(expected, Reader().Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_TrimmingOff_KeepsNewline()
    {
        _secrets.Write("jwt_secret", "value\n");

        Assert.Equal("value\n", Reader(options => options.TrimTrailingNewline = false).Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_ByteOrderMark_IsNotPartOfValue()
    {
        File.WriteAllBytes(_secrets.PathOf("jwt_secret"), [0xEF, 0xBB, 0xBF, (byte)'v', (byte)'\n']);

        Assert.Equal("v", Reader().Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void GetBytes_BinaryFile_ReturnsBytesWithOneNewlineTrimmed()
    {
        File.WriteAllBytes(_secrets.PathOf("node_key"), [0xFF, 0x00, 0x0A, 0x0A]);

        Assert.Equal([0xFF, 0x00, 0x0A], Reader().GetBytes(SecretKey.NodeKey));
    }

    [Fact]
    public void GetBytes_FromVariable_ReturnsUtf8()
    {
        _environment["JWT_SECRET"] = "ü";

        Assert.Equal(Encoding.UTF8.GetBytes("ü"), Reader().GetBytes(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_NotUtf8_ThrowsPointingToGetBytes()
    {
        File.WriteAllBytes(_secrets.PathOf("node_key"), [0xFF, 0xFE, 0x00]);

        var error = Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.NodeKey));

        Assert.EndsWith("(not UTF-8 text; use GetBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_Present_ReturnsTrueAndValue()
    {
        _secrets.Write("redis_password", "r\n");

        Assert.True(Reader().TryGet(SecretKey.RedisPassword, out var value));
        Assert.Equal("r", value);
    }

    [Fact]
    public void TryGet_Missing_ReturnsFalse()
    {
        Assert.False(Reader().TryGet(SecretKey.RedisPassword, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Get_FileReplacedByRename_ReturnsNewValue()
    {
        var reader = Reader();
        _secrets.WriteAtomically("jwt_secret", "old");
        Assert.Equal("old", reader.Get(SecretKey.JwtSecret));

        _secrets.WriteAtomically("jwt_secret", "new");

        Assert.Equal("new", reader.Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Directory_NotConfigured_ComesFromVariableThenDefault()
    {
        Assert.Equal("/run/secrets", new SecretReader(new() { EnvironmentVariables = _environment.Read }).Directory);

        _environment["R3MES_SECRETS_DIR"] = _secrets.Path;

        Assert.Equal(_secrets.Path, new SecretReader(new() { EnvironmentVariables = _environment.Read }).Directory);
        Assert.Equal("/x", new SecretReader(new() { Directory = "/x", EnvironmentVariables = _environment.Read }).Directory);
    }

    [Fact]
    public async Task GetAsync_FileVariable_ReadsThePointedFile()
    {
        _elsewhere.Write("jwt", "pointed\n");
        _environment["JWT_SECRET_FILE"] = _elsewhere.PathOf("jwt");

        Assert.Equal("pointed", await Reader().GetAsync(SecretKey.JwtSecret));
        Assert.Equal("pointed"u8.ToArray(), await Reader().GetBytesAsync(SecretKey.JwtSecret));
    }

    [Fact]
    public async Task GetAsync_Failures_SameTypesAndMessagesAsGet()
    {
        Directory.CreateDirectory(_secrets.PathOf("jwt_secret"));
        _secrets.Write("api_secret_key", "\r\n");

        var unreadable = await Assert.ThrowsAsync<SecretUnreadableException>(async () => await Reader().GetAsync(SecretKey.JwtSecret));
        var empty = await Assert.ThrowsAsync<SecretEmptyException>(async () => await Reader().GetAsync(SecretKey.ApiSecretKey));
        var missing = await Assert.ThrowsAsync<SecretNotFoundException>(async () => await Reader().GetBytesAsync(SecretKey.NodeKey));

        Assert.Equal(Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret)).Message, unreadable.Message);
        Assert.Equal(Assert.Throws<SecretEmptyException>(() => Reader().Get(SecretKey.ApiSecretKey)).Message, empty.Message);
        Assert.Equal(Assert.Throws<SecretNotFoundException>(() => Reader().GetBytes(SecretKey.NodeKey)).Message, missing.Message);
        Assert.Equal("api_secret_key", empty.SecretName);
    }

    [Fact]
    public void Get_EmptyFileWithVariable_EmptyWithoutFallingBack()
    {
        _secrets.Write("jwt_secret", "");
        _environment["JWT_SECRET"] = "stale";

        var error = Assert.Throws<SecretEmptyException>(() => Reader().Get(SecretKey.JwtSecret));

        Assert.Equal($"secret 'jwt_secret' is empty; looked in: file {_secrets.PathOf("jwt_secret")} (empty)", error.Message);
    }

    private SecretReader Reader(Action<SecretReaderOptions>? configure = null)
    {
        var options = new SecretReaderOptions { Directory = _secrets.Path, EnvironmentVariables = _environment.Read };
        configure?.Invoke(options);
        return new SecretReader(options);
    }
}
