using R3mes.Secrets.Tests.TestSupport;
using StackExchange.Redis;

namespace R3mes.Secrets.Tests.Connections;

/// <summary>
/// Issue 10, acceptance: a real redis-server with <c>requirepass</c> accepts StackExchange.Redis connections made from
/// <c>GetRedisConfiguration</c> for awkward passwords, and the password is in neither the client's endpoint and
/// configuration text nor its exceptions.
/// </summary>
[Collection(nameof(RedisConfigurationTests))]
public sealed class RedisConfigurationTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly TempSecretDirectory _secrets = new();

    private RedisServer Server => redis.Server;

    public void Dispose() => _secrets.Dispose();

    [Theory]
    [MemberData(nameof(AwkwardPasswords.Common), MemberType = typeof(AwkwardPasswords))]
    public async Task GetRedisConfiguration_AwkwardPassword_RedisAcceptsAndTextHidesIt(string password)
    {
        await Server.RequirePasswordAsync(password);

        var configuration = Reader(password).GetRedisConfiguration(Server.Host, Server.Port, database: 3);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = connection.GetDatabase();
        Assert.Equal(3, db.Database);
        await db.StringSetAsync("probe", "ok");
        Assert.Equal("ok", (string?)await db.StringGetAsync("probe"));
        // connection.Configuration echoes the string given, password included (StackExchange.Redis' design, said in
        // the README); what it prints on its own is the endpoint, its status and the masked configuration.
        var shown = string.Join('\n', connection.GetEndPoints().Select(e => e.ToString()))
            + "\n" + connection.GetStatus() + "\n" + ConfigurationOptions.Parse(configuration).ToString(includePassword: false);
        Assert.Equal($"{Server.Host}:{Server.Port}", connection.GetEndPoints().Single().ToString());
        Assert.True(!shown.Contains(password, StringComparison.Ordinal), shown);
    }

    [Theory]
    [MemberData(nameof(AwkwardPasswords.Common), MemberType = typeof(AwkwardPasswords))]
    public async Task GetRedisConfiguration_WrongPassword_ExceptionOmitsIt(string password)
    {
        await Server.RequirePasswordAsync("the-real-one");

        var options = ConfigurationOptions.Parse(Reader(password).GetRedisConfiguration(Server.Host, Server.Port));
        options.ConnectTimeout = 2000;
        options.ConnectRetry = 1;
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));

        Assert.Contains("Authentication", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("comma,inside")]
    [InlineData(" lead-pw")]
    [InlineData("trail-pw\t")]
    public void GetRedisConfiguration_PasswordTheFormatCannotCarry_RefusedWithoutValue(string password)
    {
        var error = Assert.Throws<SecretFormatException>(() => Reader(password).GetRedisConfiguration(Server.Host, Server.Port));

        Assert.Equal("redis_password", error.SecretName);
        Assert.Contains("ConfigurationOptions.Password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRedisUrl_IsNotAStackExchangeRedisConfiguration()
    {
        // Why the configuration-string helper exists: StackExchange.Redis takes a URL for a host name, keeping the
        // password in its endpoint text and sending none.
        var options = ConfigurationOptions.Parse(Reader("url-pw").GetRedisUrl(Server.Host, Server.Port));

        Assert.Null(options.Password);
        Assert.Contains("url-pw", string.Join(',', options.EndPoints.Select(e => e.ToString())), StringComparison.Ordinal);
    }

    private SecretReader Reader(string password)
    {
        _secrets.WriteAtomically("redis_password", password);
        return new SecretReader(new SecretReaderOptions { Directory = _secrets.Path, AllowEnvironmentFallback = false });
    }
}
