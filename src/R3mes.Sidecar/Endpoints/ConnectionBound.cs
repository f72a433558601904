using System.Text;
using Microsoft.AspNetCore.Connections;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// Kestrel connection middleware for one listener: at most <c>max</c> connections open at once. A connection over the
/// bound is closed at once, so it holds its file descriptor only for that moment; on the AWS agent endpoint it is
/// first answered <c>429</c>, as AWS's agent does past its <c>max_conn</c> — reading the request for at most half a
/// second, and only a few such answers at a time, so refusing cannot itself pile up descriptors. Its
/// <see cref="Slots"/> are the listener's accept gate (<see cref="GatedListenerFactory"/>): a slot is taken before a
/// connection is accepted and given back when its socket is closed.
/// </summary>
internal sealed partial class ConnectionBound(string what, int max, bool answerTooMany, TimeProvider time, ILogger logger)
{
    /// <summary>Refusals answered 429 at the same time; the rest are closed without an answer.</summary>
    public const int AnsweringSlots = 8;

    /// <summary>Connections accepted beyond the bound to be refused (answered or closed) at the same time.</summary>
    public const int RefusingSlots = AnsweringSlots;

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly byte[] TooManyRequests = Response("{\"__type\":\"TooManyRequestsException\",\"message\":\"Connection limit exceeded\"}");

    private int _open;
    private int _answering;
    private long _refused;

    public int Max => max;

    /// <summary>
    /// The accept gate: one slot per open connection, the bound and <see cref="RefusingSlots"/> in all — the most
    /// connections of this listener open at once.
    /// </summary>
    public SemaphoreSlim Slots { get; } = new(max + RefusingSlots, max + RefusingSlots);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => connection => OnConnectionAsync(connection, next);

    private async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (Interlocked.Increment(ref _open) <= max)
        {
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }

            return;
        }

        Interlocked.Decrement(ref _open);
        var refused = Interlocked.Increment(ref _refused);
        if (refused == 1 || refused % 1000 == 0)
        {
            LogRefused(logger, what, max, refused);
        }

        if (answerTooMany && Interlocked.Increment(ref _answering) <= AnsweringSlots)
        {
            try
            {
                await AnswerTooManyAsync(connection).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _answering);
            }
        }
        else if (answerTooMany)
        {
            Interlocked.Decrement(ref _answering);
        }

        // Returning ends the connection: Kestrel closes the socket.
    }

    /// <summary>Reads what the client sent (so closing does not reset the connection and lose the answer), then 429.</summary>
    private async Task AnswerTooManyAsync(ConnectionContext connection)
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout, time);
        try
        {
            var read = await connection.Transport.Input.ReadAsync(timeout.Token).ConfigureAwait(false);
            connection.Transport.Input.AdvanceTo(read.Buffer.End);
            await connection.Transport.Output.WriteAsync(TooManyRequests, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left or said nothing in time: closed without an answer.
        }
    }

    private static byte[] Response(string body) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}");

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "{What}: {Max} connections already open, closed a new one ({Refused} refused so far); raise limits for this listener if a client needs more")]
    private static partial void LogRefused(ILogger logger, string what, int max, long refused);
}
