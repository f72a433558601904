using System.Text.Json;

namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// An open watch: newline-delimited JSON events until the server ends the stream (its timeout), the connection
/// breaks, or the deadline passes. <see cref="NextAsync"/> returns null at a clean end; a broken stream throws.
/// </summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly RequestDeadline _deadline;

    public WatchStream(HttpResponseMessage response, Stream body, RequestDeadline deadline)
    {
        _response = response;
        _reader = new StreamReader(body);
        _deadline = deadline;
    }

    public async ValueTask<WatchEvent?> NextAsync()
    {
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(_deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_deadline.Expired)
            {
                throw new KubernetesApiException(0, null, "the watch stream stayed silent past its timeout");
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length > 0)
            {
                return Decode(line);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _deadline.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Decodes one event. JSON errors are replaced: the parser's messages may quote the input, which holds secret data.</summary>
    internal static WatchEvent Decode(string line)
    {
        try
        {
            var frame = JsonSerializer.Deserialize(line, KubernetesJsonContext.Default.WatchFrame);
            var type = frame?.Type switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                "ERROR" => WatchEventType.Error,
                _ => throw new KubernetesApiException(0, null, "the watch stream sent an event of an unknown type"),
            };
            if (frame.Object.ValueKind != JsonValueKind.Object)
            {
                throw new KubernetesApiException(0, null, "the watch stream sent an event without an object");
            }

            return type == WatchEventType.Error
                ? new WatchEvent(type, null, frame.Object.Deserialize(KubernetesJsonContext.Default.ApiStatus))
                : new WatchEvent(type, frame.Object.Deserialize(KubernetesJsonContext.Default.SecretObject), null);
        }
        catch (JsonException)
        {
            throw new KubernetesApiException(0, null, "the watch stream sent an event that is not JSON of the expected shape");
        }
    }
}
