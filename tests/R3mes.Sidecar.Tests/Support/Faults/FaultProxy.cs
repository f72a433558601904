using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Tests.Support.Faults;

/// <summary>
/// A loopback TCP proxy in front of a backend (an emulator, PostgreSQL) that a test switches at run time between
/// passing traffic and a fault (<see cref="FaultMode"/>). With a certificate it terminates TLS itself, serving
/// whichever <see cref="Certificate"/> is set when a connection arrives (expired, wrong host…), and talks plain TCP
/// upstream. Every switch cuts the connections in flight (RST), so a pooled keep-alive connection cannot carry the
/// client past a fault or keep it in one. Counts the connections it accepted and when.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly int _upstreamPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _live = [];
    private readonly List<long> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private FaultMode _mode = FaultMode.Pass;
    private X509Certificate2? _certificate;

    private FaultProxy(int upstreamPort, X509Certificate2? certificate)
    {
        _upstreamPort = upstreamPort;
        _certificate = certificate;
        Tls = certificate is not null;
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public bool Tls { get; }

    /// <summary>The address a client uses: <c>http(s)://127.0.0.1:PORT/</c>.</summary>
    public Uri Address => new($"{(Tls ? "https" : "http")}://127.0.0.1:{Port}/");

    /// <summary>How many bytes of an answer's body <see cref="FaultMode.ResetMidBody"/> forwards before the reset.</summary>
    public int ResetAfterBytes { get; set; } = 16;

    public FaultMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    /// <summary>The server certificate for connections accepted from now on (TLS proxies only).</summary>
    public X509Certificate2 Certificate
    {
        set
        {
            lock (_gate)
            {
                _certificate = value;
            }

            DropConnections();
        }
    }

    /// <summary>Connections accepted since start.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _accepted.Count;
            }
        }
    }

    /// <summary>Connections accepted after <paramref name="timestamp"/> (a <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public int ConnectionsSince(long timestamp)
    {
        lock (_gate)
        {
            return _accepted.Count(t => t > timestamp);
        }
    }

    public static FaultProxy Start(int upstreamPort, X509Certificate2? certificate = null) => new(upstreamPort, certificate);

    /// <summary>Switches to <paramref name="mode"/> for every connection from now on and resets those in flight.</summary>
    public void Switch(FaultMode mode)
    {
        lock (_gate)
        {
            _mode = mode;
            if (mode == FaultMode.Refuse)
            {
                _listener?.Stop();
                _listener = null;
            }
            else
            {
                _listener ??= Listen(Port);
            }
        }

        DropConnections();
    }

    /// <summary>Resets every connection in flight (a client must connect, resolve and handshake again).</summary>
    public void DropConnections()
    {
        TcpClient[] live;
        lock (_gate)
        {
            live = [.. _live];
            _live.Clear();
        }

        foreach (var client in live)
        {
            Reset(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }

        DropConnections();
        _stop.Dispose();
    }

    private TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync(listener);
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token);
                FaultMode mode;
                X509Certificate2? certificate;
                lock (_gate)
                {
                    _accepted.Add(TimeProvider.System.GetTimestamp());
                    _live.Add(client);
                    mode = _mode;
                    certificate = _certificate;
                }

                if (mode != FaultMode.BlackHole)
                {
                    _ = ServeAsync(client, mode, certificate);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped (refuse mode or dispose).
        }
    }

    private async Task ServeAsync(TcpClient client, FaultMode mode, X509Certificate2? certificate)
    {
        using var upstream = new TcpClient();
        try
        {
            Stream downstream = client.GetStream();
            if (certificate is not null)
            {
                var tls = new SslStream(downstream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, _stop.Token);
                downstream = tls;
            }

            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            var up = upstream.GetStream();
            var requests = downstream.CopyToAsync(up, _stop.Token);
            var answers = mode switch
            {
                FaultMode.ResetMidBody => ForwardThenResetAsync(up, downstream, client),
                FaultMode.Slow => TrickleAsync(up, downstream),
                _ => up.CopyToAsync(downstream, _stop.Token),
            };
            await Task.WhenAny(requests, answers);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client gave up, the upstream is down, the handshake was refused, or the proxy switched.
        }
        finally
        {
            Forget(client);
            Reset(client);
        }
    }

    /// <summary>Forwards the answer's head and <see cref="ResetAfterBytes"/> bytes of its body, then resets.</summary>
    private async Task ForwardThenResetAsync(Stream from, Stream to, TcpClient client)
    {
        var seen = new List<byte>();
        var buffer = new byte[4096];
        int? limit = null;
        while (limit is null || seen.Count < limit)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                break;
            }

            seen.AddRange(buffer.AsSpan(0, read));
            if (limit is null && HeadEnd(seen) is { } end)
            {
                limit = end + ResetAfterBytes;
            }
        }

        var forward = Math.Min(seen.Count, limit ?? seen.Count);
        await to.WriteAsync(seen.GetRange(0, forward).ToArray(), _stop.Token);
        await to.FlushAsync(_stop.Token);
        Reset(client);
    }

    private static int? HeadEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i + 1;
            }
        }

        return null;
    }

    private async Task TrickleAsync(Stream from, Stream to)
    {
        var one = new byte[1];
        while (await from.ReadAsync(one, _stop.Token) == 1)
        {
            await to.WriteAsync(one, _stop.Token);
            await to.FlushAsync(_stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, _stop.Token);
        }
    }

    private void Forget(TcpClient client)
    {
        lock (_gate)
        {
            _live.Remove(client);
        }
    }

    /// <summary>Closes with SO_LINGER 0: the peer gets a RST, not a clean end of stream.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            // Closed already (its own end, or a switch at the same moment): a closed TcpClient has no socket any more.
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            client.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
