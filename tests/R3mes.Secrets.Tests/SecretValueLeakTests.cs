using System.Text;
using R3mes.Secrets.Tests.TestSupport;

namespace R3mes.Secrets.Tests;

/// <summary>Every failure path is driven with a canary value that must not appear in any exception text.</summary>
public sealed class SecretValueLeakTests : IDisposable
{
    private const string Canary = "CANARY-7f3a9c1e-do-not-print";

    private readonly TempSecretDirectory _secrets = new();
    private readonly FakeEnvironment _environment = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public void Get_NotUtf8File_ExceptionOmitsContent()
    {
        File.WriteAllBytes(_secrets.PathOf("jwt_secret"), [.. Encoding.UTF8.GetBytes(Canary), 0xFF, 0xC3]);

        AssertNoCanary(Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret)));
    }

    [Fact]
    public void Get_OversizedFile_ExceptionOmitsContent()
    {
        File.WriteAllText(_secrets.PathOf("jwt_secret"), string.Concat(Enumerable.Repeat(Canary, 40_000)));

        AssertNoCanary(Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret)));
    }

    [Fact]
    public void Get_UnreadableFileWithValueInVariable_ExceptionOmitsVariable()
    {
        Directory.CreateDirectory(_secrets.PathOf("jwt_secret"));
        _environment["JWT_SECRET"] = Canary;

        AssertNoCanary(Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret)));
    }

    [Fact]
    public void Get_ValueMistakenlyPutInFileVariable_ExceptionOmitsIt()
    {
        _environment["JWT_SECRET_FILE"] = Canary;

        AssertNoCanary(Assert.Throws<SecretUnreadableException>(() => Reader().Get(SecretKey.JwtSecret)));
    }

    [Fact]
    public void GetDatabaseUrl_UserMissingPasswordPresent_ExceptionOmitsPassword()
    {
        _secrets.Write("postgres_password", Canary);

        AssertNoCanary(Assert.Throws<SecretNotFoundException>(() => Reader().GetDatabaseUrl("postgres")));
    }

    [Fact]
    public void GetDatabaseUrl_InvalidHost_ExceptionOmitsCredentials()
    {
        _secrets.Write("postgres_user", Canary);
        _secrets.Write("postgres_password", Canary);

        AssertNoCanary(Assert.ThrowsAny<ArgumentException>(() => Reader().GetDatabaseUrl("bad/host")));
    }

    [Fact]
    public void ToString_KeyAndReader_OmitValues()
    {
        _secrets.Write("jwt_secret", Canary);
        var reader = Reader();
        Assert.Equal(Canary, reader.Get(SecretKey.JwtSecret));

        Assert.DoesNotContain(Canary, reader.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, SecretKey.JwtSecret.ToString(), StringComparison.Ordinal);
    }

    private static void AssertNoCanary(Exception error) =>
        Assert.DoesNotContain("CANARY", error.ToString(), StringComparison.Ordinal);

    private SecretReader Reader() =>
        new(new SecretReaderOptions { Directory = _secrets.Path, EnvironmentVariables = _environment.Read });
}
