using System.Net;
using System.Net.Sockets;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// A loopback server that accepts every connection and never answers (a hung backend, a firewall that holds the
/// connection): requests reach it and wait until the client gives up. Records when the first connection arrived.
/// </summary>
internal sealed class BlackHoleListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private long _firstAccepted;

    public BlackHoleListener()
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the first accepted connection, or null.</summary>
    public long? FirstAccepted => Interlocked.Read(ref _firstAccepted) is var t and not 0 ? t : null;

    public int Accepted
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.CompareExchange(ref _firstAccepted, TimeProvider.System.GetTimestamp(), 0);
                lock (_held)
                {
                    _held.Add(client);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
