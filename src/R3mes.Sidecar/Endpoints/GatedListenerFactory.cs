using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// Kestrel's socket transport with an accept gate on each bounded listener: a listener accepts a connection only while
/// it holds one of its <see cref="ConnectionBound.Slots"/> (the bound and the connections being refused, each until
/// Kestrel closed its socket). Without the gate a flood was accepted as fast as the kernel handed it over and only
/// then refused, on the thread pool: on a busy machine the accepted-but-not-yet-refused sockets piled up (205
/// descriptors for a bound of 16), and enough of them would take the descriptors the secret loops need. With it, the flood waits in the kernel's listen backlog,
/// which holds no descriptor of ours, and the listener's use is at most its capacity however far behind the pool is.
/// Registered after Kestrel's own transport, so Kestrel binds through it (the last registered factory wins).
/// </summary>
internal sealed class GatedListenerFactory(IReadOnlyDictionary<EndPoint, ConnectionBound> bounds, ILoggerFactory logs)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly SocketTransportFactory _sockets = new(Options.Create(new SocketTransportOptions()), logs);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = await _sockets.BindAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return bounds.TryGetValue(endpoint, out var bound) ? new GatedListener(listener, bound) : listener;
    }

    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    private sealed class GatedListener(IConnectionListener inner, ConnectionBound bound) : IConnectionListener
    {
        private readonly CancellationTokenSource _unbound = new();

        public EndPoint EndPoint => inner.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _unbound.Token);
            try
            {
                await bound.Slots.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_unbound.IsCancellationRequested)
            {
                // Unbound while waiting for a slot: no more connections, as the transport's own accept says with null.
                return null;
            }

            ConnectionContext? connection = null;
            try
            {
                connection = await inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
                return connection is null ? null : new GatedConnection(connection, bound.Slots);
            }
            finally
            {
                // The slot goes back once Kestrel has closed the connection's socket; with none accepted, now.
                if (connection is null)
                {
                    bound.Slots.Release();
                }
            }
        }

        public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            await _unbound.CancelAsync().ConfigureAwait(false);
            await inner.UnbindAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _unbound.CancelAsync().ConfigureAwait(false);
            await inner.DisposeAsync().ConfigureAwait(false);
            _unbound.Dispose();
        }
    }

    /// <summary>
    /// The transport's connection, giving its slot back after Kestrel disposed it (the socket is closed then), not when
    /// the middleware returns: on a starved thread pool the disposal can lag, and a slot freed before it let the
    /// listener hold more sockets than its capacity (31 for 16 + 8, measured). Everything else is the transport's.
    /// </summary>
    private sealed class GatedConnection(ConnectionContext inner, SemaphoreSlim slots) : ConnectionContext
    {
        private int _released;

        public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }

        public override IFeatureCollection Features => inner.Features;

        public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }

        public override IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }

        public override CancellationToken ConnectionClosed { get => inner.ConnectionClosed; set => inner.ConnectionClosed = value; }

        public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }

        public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

        public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);

        public override void Abort() => inner.Abort();

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    slots.Release();
                }
            }
        }
    }
}
