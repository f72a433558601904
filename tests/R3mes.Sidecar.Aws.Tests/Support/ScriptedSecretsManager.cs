using System.Net;
using System.Text;

namespace R3mes.Sidecar.Aws.Tests.Support;

/// <summary>Answers Secrets Manager calls by operation (<c>X-Amz-Target</c>) with canned bodies; records every call.</summary>
internal sealed class ScriptedSecretsManager : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<(HttpStatusCode Status, string Body, string? ErrorType)>> _answers = new(StringComparer.Ordinal);

    public List<(string Operation, string Body)> Calls { get; } = [];

    public ScriptedSecretsManager On(string operation, HttpStatusCode status, string body, string? errorType = null)
    {
        if (!_answers.TryGetValue(operation, out var queue))
        {
            _answers[operation] = queue = new();
        }

        queue.Enqueue((status, body, errorType));
        return this;
    }

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.GetValues("X-Amz-Target").Single().Replace("secretsmanager.", "", StringComparison.Ordinal);
        Calls.Add((operation, await request.Content!.ReadAsStringAsync(cancellationToken)));
        if (!_answers.TryGetValue(operation, out var queue) || queue.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("""{"__type":"InternalServiceError","message":"not scripted"}""") };
        }

        var (status, body, errorType) = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        if (errorType is not null)
        {
            response.Headers.Add("X-Amzn-ErrorType", errorType);
        }

        return response;
    }
}
