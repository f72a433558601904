using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Nginx;

/// <summary>
/// A real Nginx (Debian <c>nginx-light</c>) in a temporary prefix, serving HTTPS on 127.0.0.1 from two certificate
/// files the sidecar writes. It runs in the foreground as our child (<c>daemon off</c>, master process on), so
/// <see cref="MasterPid"/> is the child's pid; <see cref="ReloadCommand"/> is what the sidecar's action runs.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _prefix;

    private NginxServer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public int MasterPid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary><c>nginx -p prefix -c conf -s reload</c>: SIGHUP to the master through its pid file.</summary>
    public IReadOnlyList<string> ReloadCommand => [Binary, "-p", _prefix, "-c", ConfigPath, "-s", "reload"];

    public string PidFile => Path.Combine(_prefix, "nginx.pid");

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    private string ConfigPath => Path.Combine(_prefix, "nginx.conf");

    public static async Task<NginxServer> StartAsync(string certificatePath, string keyPath)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Nginx is not installed ({Binary} is missing): run ./test.sh, which installs it, or apt-get install -y nginx-light");
        }

        var prefix = Directory.CreateTempSubdirectory("r3mes-nginx-").FullName;
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            {{(Unix.IsRoot ? "user root root;" : "")}}
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{certificatePath}};
                    ssl_certificate_key {{keyPath}};
                    ssl_session_tickets off;
                    ssl_session_cache off;
                    location / { return 200 "ok\n"; }
                }
            }
            """);
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") })
        {
            info.ArgumentList.Add(arg);
        }

        var server = new NginxServer(Process.Start(info)!, prefix, port);
        try
        {
            await Eventually.Until(async () => !server.HasExited && await server.AcceptsAsync(), TimeSpan.FromSeconds(10), () => server.ErrorLog);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>One TLS handshake; returns the leaf certificate Nginx served (any certificate is accepted, and kept).</summary>
    public async Task<X509Certificate2> HandshakeAsync(CancellationToken cancellationToken = default)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port, cancellationToken);
        X509Certificate2? served = null;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            served = certificate is null ? null : new X509Certificate2(certificate);
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, cancellationToken);
        return served ?? throw new InvalidOperationException("the handshake completed without a server certificate");
    }

    /// <summary>Runs <see cref="ReloadCommand"/> (as the sidecar's action does) and returns its exit code.</summary>
    public async Task<int> ReloadAsync()
    {
        var info = new ProcessStartInfo(ReloadCommand[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in ReloadCommand.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var reload = Process.Start(info)!;
        var output = Task.WhenAll(reload.StandardOutput.ReadToEndAsync(), reload.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
        await reload.WaitForExitAsync(timeout.Token);
        await output;
        return reload.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Unix.Signal(_process.Id, Unix.SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
