using Npgsql;
using R3mes.Secrets.Tests.TestSupport;
using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Secrets.Tests.Connections;

/// <summary>
/// Issue 10, acceptance: Npgsql opens a connection to a real PostgreSQL from <c>GetNpgsqlConnectionString</c> for
/// passwords (and a user) with every character that matters to a key/value connection string.
/// </summary>
public sealed class NpgsqlConnectionStringTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static int _roles;
    private readonly TempSecretDirectory _secrets = new();

    private PostgresServer Pg => postgres.Server;

    public void Dispose() => _secrets.Dispose();

    public static TheoryData<string> Passwords
    {
        get
        {
            var data = AwkwardPasswords.Common;
            data.Add(" outer spaces ");
            data.Add("comma,too");
            data.Add("back\\slash{brace}");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task GetNpgsqlConnectionString_AwkwardPassword_NpgsqlLogsIn(string password)
    {
        var user = await CreateRoleAsync("app_" + Interlocked.Increment(ref _roles), password);

        var connectionString = Reader(user, password).GetNpgsqlConnectionString(Pg.Host, Pg.Port, "postgres");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        Assert.Equal(user, await command.ExecuteScalarAsync());
        Assert.DoesNotContain(password, connection.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNpgsqlConnectionString_AwkwardUserName_NpgsqlLogsInAsThatRole()
    {
        var user = await CreateRoleAsync("we;ird='us\"er' " + Interlocked.Increment(ref _roles), "pw;1");

        await using var dataSource = NpgsqlDataSource.Create(Reader(user, "pw;1").GetNpgsqlConnectionString(Pg.Host, Pg.Port, "postgres"));
        await using var command = dataSource.CreateCommand("SELECT current_user");

        Assert.Equal(user, await command.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task GetNpgsqlConnectionString_WrongPassword_ExceptionOmitsIt(string password)
    {
        var user = await CreateRoleAsync("app_" + Interlocked.Increment(ref _roles), "the-real-one");

        await using var connection = new NpgsqlConnection(Reader(user, password).GetNpgsqlConnectionString(Pg.Host, Pg.Port, "postgres"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.Equal("28P01", error.SqlState);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetDatabaseUrl_IsNotAnNpgsqlConnectionString()
    {
        // Why the key/value helper exists: Npgsql does not parse URLs.
        var url = Reader("app", "pw").GetDatabaseUrl(Pg.Host, Pg.Port, "postgres");

        Assert.Throws<ArgumentException>(() => new NpgsqlConnection(url));
    }

    private SecretReader Reader(string user, string password)
    {
        _secrets.WriteAtomically("postgres_user", user);
        _secrets.WriteAtomically("postgres_password", password);
        return new SecretReader(new SecretReaderOptions { Directory = _secrets.Path, AllowEnvironmentFallback = false });
    }

    private async Task<string> CreateRoleAsync(string name, string password)
    {
        await Pg.ExecuteAsync($"CREATE ROLE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'");
        return name;
    }
}
