using R3mes.Secrets.Connections;

namespace R3mes.Secrets;

/// <summary>
/// Connection strings and URLs from <c>postgres_user</c>, <c>postgres_password</c> and <c>redis_password</c>, in the
/// form each client parses. The library depends on neither client. Values are read through the reader at each call.
/// </summary>
public static class SecretReaderConnectionExtensions
{
    /// <summary>
    /// <c>Host=…;Port=…;Database=…;Username=…;Password=…</c> for <c>new NpgsqlConnection(…)</c> or
    /// <c>NpgsqlDataSource.Create(…)</c>, every value quoted as Npgsql requires. Add options with
    /// <c>new NpgsqlConnectionStringBuilder(s) { SslMode = SslMode.Require }</c>.
    /// </summary>
    /// <exception cref="SecretException">A credential is missing, unreadable or empty.</exception>
    /// <exception cref="ArgumentException">The host, port or database is invalid.</exception>
    public static string GetNpgsqlConnectionString(this ISecretReader reader, string host, int port = 5432, string database = "r3mes")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return NpgsqlConnectionString.Build(reader.Get(SecretKey.PostgresUser), reader.Get(SecretKey.PostgresPassword), host, port, database);
    }

    /// <summary>
    /// <c>host:port,password=…,defaultDatabase=N</c> for StackExchange.Redis' <c>ConnectionMultiplexer.Connect(…)</c> or
    /// <c>ConfigurationOptions.Parse(…)</c>; its <c>ToString()</c> and endpoint text then hide the password.
    /// </summary>
    /// <exception cref="SecretFormatException">The password holds ',' or outer white space, which that format cannot carry.</exception>
    /// <exception cref="SecretException">The password is missing, unreadable or empty.</exception>
    /// <exception cref="ArgumentException">The host or port is invalid.</exception>
    public static string GetRedisConfiguration(this ISecretReader reader, string host, int port = 6379, int database = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return RedisConfiguration.Build(SecretKey.RedisPassword, reader.Get(SecretKey.RedisPassword), host, port, database);
    }

    /// <summary>
    /// The URL form, <c>postgresql://user:password@host:port/database[?query]</c>, user and password percent-encoded,
    /// for libpq-style consumers (psql, Python, Go). Npgsql does not parse URLs: use <see cref="GetNpgsqlConnectionString"/>.
    /// <paramref name="query"/> is appended as given, e.g. <c>sslmode=require</c>.
    /// </summary>
    public static string GetDatabaseUrl(this ISecretReader reader, string host, int port = 5432, string database = "r3mes", string? query = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ConnectionUrl.Postgres(reader.Get(SecretKey.PostgresUser), reader.Get(SecretKey.PostgresPassword), host, port, database, query);
    }

    /// <summary>
    /// The URL form, <c>redis://:password@host:port/database</c>, password percent-encoded, for redis-py, ioredis, Go.
    /// StackExchange.Redis does not parse URLs: use <see cref="GetRedisConfiguration"/>.
    /// </summary>
    public static string GetRedisUrl(this ISecretReader reader, string host, int port = 6379, int database = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ConnectionUrl.Redis(reader.Get(SecretKey.RedisPassword), host, port, database);
    }
}
