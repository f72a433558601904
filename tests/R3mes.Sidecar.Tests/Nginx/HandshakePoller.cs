using System.Collections.Concurrent;

namespace R3mes.Sidecar.Tests.Nginx;

/// <summary>TLS handshakes with Nginx in a loop (~every 50 ms): the distinct serials served, and every failure.</summary>
internal sealed class HandshakePoller : IAsyncDisposable
{
    private readonly NginxServer _nginx;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _serials = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task _loop;
    private long _handshakes;

    public HandshakePoller(NginxServer nginx)
    {
        _nginx = nginx;
        _loop = Task.Run(LoopAsync);
    }

    public long Handshakes => Interlocked.Read(ref _handshakes);

    /// <summary>Distinct serials in the order first seen.</summary>
    public IReadOnlyList<string> Serials => [.. _serials.Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Failures => [.. _failures];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var certificate = await _nginx.HandshakeAsync(_stop.Token);
                if (!_serials.Contains(certificate.SerialNumber))
                {
                    _serials.Enqueue(certificate.SerialNumber);
                }

                Interlocked.Increment(ref _handshakes);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _failures.Enqueue(e.GetType().Name + ": " + e.Message);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
