using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// Just enough of Secrets Manager for the agent endpoint: <c>GetSecretValue</c> answers <see cref="Values"/>[SecretId]
/// or 400 ResourceNotFoundException. Does not verify signatures (the AWS emulator does that).
/// </summary>
internal sealed class FakeSecretsManagerServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeSecretsManagerServer()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port { get; }

    public ConcurrentDictionary<string, string> Values { get; } = new();

    public ConcurrentQueue<string> Targets { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Targets.Enqueue(context.Request.Headers["X-Amz-Target"] ?? "");
            using var request = await JsonDocument.ParseAsync(context.Request.InputStream);
            var id = request.RootElement.GetProperty("SecretId").GetString() ?? "";
            var (status, body) = Values.TryGetValue(id, out var value)
                ? (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["ARN"] = $"arn:aws:secretsmanager:eu-west-1:123456789012:secret:{id}-AbCdEf", ["Name"] = id, ["VersionId"] = "v1", ["SecretString"] = value, ["VersionStages"] = new[] { "AWSCURRENT" }, ["CreatedDate"] = 1569534789.046 }))
                : (400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
