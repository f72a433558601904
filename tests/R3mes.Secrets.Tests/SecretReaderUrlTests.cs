using R3mes.Secrets.Tests.TestSupport;

namespace R3mes.Secrets.Tests;

public sealed class SecretReaderUrlTests : IDisposable
{
    private const string Special = "p@ss:w/rd?#%&=+ ü";
    private const string SpecialEncoded = "p%40ss%3Aw%2Frd%3F%23%25%26%3D%2B%20%C3%BC";

    private readonly TempSecretDirectory _secrets = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public void GetDatabaseUrl_SpecialCharacters_PercentEncodesUserAndPassword()
    {
        _secrets.Write("postgres_user", "r3mes:admin@x\n");
        _secrets.Write("postgres_password", Special + "\n");

        var url = Reader().GetDatabaseUrl("postgres", 5432, "r3mes");

        Assert.Equal($"postgresql://r3mes%3Aadmin%40x:{SpecialEncoded}@postgres:5432/r3mes", url);
    }

    [Fact]
    public void GetDatabaseUrl_ParsedAsUri_RoundTripsUserInfo()
    {
        _secrets.Write("postgres_user", "us er@x");
        _secrets.Write("postgres_password", Special);

        var uri = new Uri(Reader().GetDatabaseUrl("db.internal", 6543, "r3mes db"));

        var userInfo = uri.UserInfo.Split(':');
        Assert.Equal(2, userInfo.Length);
        Assert.Equal("us er@x", Uri.UnescapeDataString(userInfo[0]));
        Assert.Equal(Special, Uri.UnescapeDataString(userInfo[1]));
        Assert.Equal("db.internal", uri.Host);
        Assert.Equal(6543, uri.Port);
        Assert.Equal("r3mes db", Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
    }

    [Fact]
    public void GetDatabaseUrl_WithQuery_AppendsIt()
    {
        _secrets.Write("postgres_user", "u");
        _secrets.Write("postgres_password", "p");

        Assert.Equal(
            "postgresql://u:p@postgres:5432/r3mes?sslmode=require",
            Reader().GetDatabaseUrl("postgres", query: "sslmode=require"));
        Assert.Equal(
            "postgresql://u:p@postgres:5432/r3mes?sslmode=require&connect_timeout=5",
            Reader().GetDatabaseUrl("postgres", query: "?sslmode=require&connect_timeout=5"));
    }

    [Fact]
    public void GetDatabaseUrl_Ipv6Host_IsBracketed()
    {
        _secrets.Write("postgres_user", "u");
        _secrets.Write("postgres_password", "p");

        var url = Reader().GetDatabaseUrl("::1");

        Assert.Equal("postgresql://u:p@[::1]:5432/r3mes", url);
        Assert.Equal("[::1]", new Uri(url).Host);
    }

    [Theory]
    [InlineData("evil.com/x")]
    [InlineData("a@b")]
    [InlineData("host:5432")]
    [InlineData("")]
    public void GetDatabaseUrl_InvalidHost_ThrowsArgumentException(string host)
    {
        _secrets.Write("postgres_user", "u");
        _secrets.Write("postgres_password", "p");

        Assert.ThrowsAny<ArgumentException>(() => Reader().GetDatabaseUrl(host));
    }

    [Fact]
    public void GetDatabaseUrl_PortOutOfRange_ThrowsArgumentOutOfRange()
    {
        _secrets.Write("postgres_user", "u");
        _secrets.Write("postgres_password", "p");

        Assert.Throws<ArgumentOutOfRangeException>(() => Reader().GetDatabaseUrl("postgres", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reader().GetDatabaseUrl("postgres", 65536));
    }

    [Fact]
    public void GetRedisUrl_SpecialCharacters_PercentEncodesPassword()
    {
        _secrets.Write("redis_password", Special + "\n");

        var url = Reader().GetRedisUrl("redis", 6380, 2);

        Assert.Equal($"redis://:{SpecialEncoded}@redis:6380/2", url);
        var uri = new Uri(url);
        Assert.Equal(Special, Uri.UnescapeDataString(uri.UserInfo.TrimStart(':')));
        Assert.Equal("/2", uri.AbsolutePath);
    }

    [Fact]
    public void GetRedisUrl_Defaults_UsePort6379AndDatabaseZero()
    {
        _secrets.Write("redis_password", "p");

        Assert.Equal("redis://:p@redis:6379/0", Reader().GetRedisUrl("redis"));
    }

    private SecretReader Reader() =>
        new(new SecretReaderOptions { Directory = _secrets.Path, EnvironmentVariables = _ => null });
}
