namespace R3mes.Secrets.Tests;

public sealed class SecretKeyTests
{
    [Fact]
    public void All_WellKnownKeys_AreTheTenR3mesSecrets()
    {
        Assert.Equal(
            [
                "postgres_user", "postgres_password", "redis_password", "jwt_secret", "api_secret_key",
                "grafana_admin_password", "validator_key", "node_key", "ssl_certificate", "ssl_private_key",
            ],
            SecretKey.All.Select(key => key.FileName));
        Assert.All(SecretKey.All, key => Assert.Equal(key.FileName.ToUpperInvariant(), key.EnvironmentVariable));
    }

    [Fact]
    public void Create_CustomName_DerivesEnvironmentVariables()
    {
        var key = SecretKey.Create("database-url.v2");

        Assert.Equal("database-url.v2", key.FileName);
        Assert.Equal("DATABASE_URL_V2", key.EnvironmentVariable);
        Assert.Equal("DATABASE_URL_V2_FILE", key.FileEnvironmentVariable);
        Assert.Equal("database-url.v2", key.ToString());
    }

    [Fact]
    public void Create_NameStartingWithDigit_PrefixesEnvironmentVariable()
    {
        Assert.Equal("_1PASSWORD", SecretKey.Create("1password").EnvironmentVariable);
    }

    [Fact]
    public void Create_ExplicitEnvironmentVariable_UsesIt()
    {
        var key = SecretKey.Create("tls.crt", "TLS_CERT");

        Assert.Equal("TLS_CERT", key.EnvironmentVariable);
        Assert.Equal("TLS_CERT_FILE", key.FileEnvironmentVariable);
    }

    [Fact]
    public void Equals_SameNames_AreEqual()
    {
        Assert.Equal(SecretKey.JwtSecret, SecretKey.Create("jwt_secret"));
        Assert.NotEqual(SecretKey.JwtSecret, SecretKey.Create("jwt_secret", "JWT"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/etc/passwd")]
    [InlineData("../jwt_secret")]
    [InlineData("a..b")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    [InlineData("tab\there")]
    [InlineData("del\u007f")]
    [InlineData(".hidden")]
    public void Create_InvalidFileName_ThrowsArgumentException(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => SecretKey.Create(name));

        Assert.Equal("fileName", error.ParamName);
        Assert.Contains("is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TooLongFileName_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SecretKey.Create(new string('a', 256)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    public void Create_InvalidEnvironmentVariable_ThrowsArgumentException(string variable)
    {
        var error = Assert.Throws<ArgumentException>(() => SecretKey.Create("custom", variable));

        Assert.Equal("environmentVariable", error.ParamName);
    }
}
