using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>
/// A real <c>redis-server</c> (Debian package; test.sh installs it) on 127.0.0.1 and a free port, in a temporary
/// directory, with no persistence. An <c>admin</c> ACL user sets the default user's password per test
/// (<c>CONFIG SET requirepass</c>, sent as a RESP bulk string, so any bytes are fine). Disposing kills it.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const string AdminPassword = "admin-pw";
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();
    private ConnectionMultiplexer? _admin;

    private RedisServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it, or apt-get install -y redis-server");
        var directory = Directory.CreateTempSubdirectory("r3mes-redis-").FullName;
        var port = FreePort();
        var config = Path.Join(directory, "redis.conf");
        await File.WriteAllTextAsync(config, $"""
            bind 127.0.0.1
            port {port}
            dir {directory}
            save ""
            appendonly no
            daemonize no
            user admin on >{AdminPassword} ~* &* +@all
            """);
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(config);
        var server = new RedisServer(Process.Start(start)!, directory, port);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            server._admin = await server.ConnectAdminAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Makes <paramref name="password"/> the default user's password.</summary>
    public async Task RequirePasswordAsync(string password) =>
        await _admin!.GetServer(Host, Port).ExecuteAsync("CONFIG", "SET", "requirepass", password);

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
            await _admin.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<ConnectionMultiplexer> ConnectAdminAsync(TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
                {
                    EndPoints = { { Host, Port } },
                    User = "admin",
                    Password = AdminPassword,
                    AllowAdmin = true,
                    ConnectTimeout = 1000,
                });
            }
            catch (RedisConnectionException) when (TimeProvider.System.GetElapsedTime(started) < timeout && !_process.HasExited)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
            catch (RedisConnectionException e)
            {
                throw new TimeoutException($"redis-server did not accept connections: {e.Message}\n{Log()}", e);
            }
        }
    }

    private string Log()
    {
        lock (_log)
            return _log.ToString();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
