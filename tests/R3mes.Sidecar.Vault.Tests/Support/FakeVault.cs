using System.Net;
using System.Text;

namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>
/// A scripted HTTP handler: answers by "METHOD path" with canned Vault bodies (the doc fixtures) and records every
/// request, for parsing tests that need exact bodies rather than the emulator.
/// </summary>
internal sealed class FakeVault : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<(HttpStatusCode Status, string Body)>> _answers = new(StringComparer.Ordinal);

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string?> Bodies { get; } = [];

    /// <summary>Called with "METHOD path" before each answer (e.g. to advance a fake clock: a slow Vault).</summary>
    public Action<string>? Answering { get; set; }

    public FakeVault On(string methodAndPath, HttpStatusCode status, string body = "")
    {
        if (!_answers.TryGetValue(methodAndPath, out var queue))
        {
            _answers[methodAndPath] = queue = new Queue<(HttpStatusCode, string)>();
        }

        queue.Enqueue((status, body));
        return this;
    }

    public int Count(string methodAndPath) => Requests.Count(r => Key(r) == methodAndPath);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        var key = Key(request);
        Answering?.Invoke(key);
        if (!_answers.TryGetValue(key, out var queue) || queue.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"errors\":[]}") };
        }

        var (status, body) = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private static string Key(HttpRequestMessage request) =>
        $"{request.Method} {request.RequestUri!.AbsolutePath}{(request.RequestUri.Query.Length > 0 ? request.RequestUri.Query : "")}";
}
