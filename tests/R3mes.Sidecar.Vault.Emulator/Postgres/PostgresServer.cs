using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace R3mes.Sidecar.Vault.Emulator.Postgres;

/// <summary>
/// A real PostgreSQL server for tests, in a fresh temporary directory: <c>initdb</c> with scram-sha-256 for TCP and a
/// generated superuser password, then <c>pg_ctl start</c> listening only on 127.0.0.1 on a free port, with its unix
/// socket inside the directory. Disposing stops it (<c>pg_ctl stop -m fast</c>) and deletes the directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly string _directory;
    // Self-contained (no emulator type), so tests/R3mes.Secrets.Tests can link this file.
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private bool _started;

    private PostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>How long initdb plus start-up until the first successful connection took.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string SuperuserConnectionString => ConnectionString(Superuser, _password);

    /// <summary>The superuser's name and password, e.g. for a database engine's connection config.</summary>
    public (string Username, string Password) SuperuserCredentials => (Superuser, _password);

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = PostgresBinaries.Find();
        var stopwatch = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("r3mes-pg-").FullName;
        var server = new PostgresServer(bin, directory, FreePort());
        try
        {
            await server.InitAsync().ConfigureAwait(false);
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        server.StartupTime = stopwatch.Elapsed;
        return server;
    }

    public string ConnectionString(string user, string password, string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = user,
        Password = password,
        Database = database,
        SslMode = SslMode.Disable,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    public Task CreateDatabaseAsync(string name) => ExecuteAsync($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(Superuser, _password, database));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Names of the roles in <c>pg_roles</c> that start with <paramref name="prefix"/>, sorted.</summary>
    public async Task<IReadOnlyList<string>> RolesAsync(string prefix)
    {
        var roles = new List<string>();
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) ORDER BY rolname", connection);
        command.Parameters.AddWithValue(prefix);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            roles.Add(reader.GetString(0));
        }

        return roles;
    }

    public async Task<bool> RoleExistsAsync(string role) => (await RolesAsync(role).ConfigureAwait(false)).Contains(role, StringComparer.Ordinal);

    /// <summary>The role's <c>VALID UNTIL</c> (null when unset); throws if the role does not exist.</summary>
    public async Task<DateTimeOffset?> ValidUntilAsync(string role)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1", connection);
        command.Parameters.AddWithValue(role);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"role {role} does not exist");
        }

        return reader.IsDBNull(0) ? null : new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
    }

    /// <summary>Whether <paramref name="user"/> can log in with <paramref name="password"/> and run <c>SELECT 1</c>.</summary>
    public async Task<bool> CanLoginAsync(string user, string password, string database = "postgres")
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString(user, password, database));
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int?)await command.ExecuteScalarAsync().ConfigureAwait(false) == 1;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                _started = false;
                await PostgresCommand.RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-s"], CommandTimeout).ConfigureAwait(false);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task InitAsync()
    {
        var pwfile = Path.Combine(_directory, "pwfile");
        await File.WriteAllTextAsync(pwfile, _password + "\n").ConfigureAwait(false);
        if (PostgresCommand.IsRoot)
        {
            await PostgresCommand.RunAsync("chown", ["-R", "postgres:postgres", _directory], CommandTimeout, asPostgres: false).ConfigureAwait(false);
        }

        await PostgresCommand.RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", Superuser, "--pwfile", pwfile,
            "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"], CommandTimeout).ConfigureAwait(false);
        await StartServerAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>: connections cut, the port closed), keeping its data.</summary>
    public async Task StopAsync()
    {
        _started = false;
        await PostgresCommand.RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-s"], CommandTimeout).ConfigureAwait(false);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts a stopped server again on the same port and waits until it accepts connections.</summary>
    public async Task ResumeAsync()
    {
        await StartServerAsync().ConfigureAwait(false);
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    private async Task StartServerAsync()
    {
        var options = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_directory} -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
        _started = true;
        await PostgresCommand.RunAsync(Path.Combine(_bin, "pg_ctl"), ["start", "-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-o", options, "-W", "-s"], CommandTimeout).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(SuperuserConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                if (TimeProvider.System.GetTimestamp() > deadline)
                {
                    var log = Path.Combine(_directory, "postgres.log");
                    throw new TimeoutException($"PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s: {e.Message}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "")}", e);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
