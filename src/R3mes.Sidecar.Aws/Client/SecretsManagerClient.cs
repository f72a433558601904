using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>
/// Secrets Manager over JSON 1.1: <c>POST /</c> with <c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c>, signed by
/// the SigV4 handler under the <see cref="HttpClient"/>. One attempt per call through one Polly pipeline (concurrency
/// limit, per-attempt timeout, no retries: the caller's backoff is the one retry layer, docs/retries.md); errors become
/// <see cref="AwsApiException"/> (code and AWS's message only — never a body, which may hold a secret).
/// </summary>
public sealed class SecretsManagerClient : Agent.ISecretValueReader
{
    public const int MaxResponseBytes = 4 << 20;
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.1");
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public SecretsManagerClient(HttpClient http, Uri endpoint, ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _pipeline = pipeline;
        Endpoint = endpoint;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.MaxResponseContentBufferSize = MaxResponseBytes;
    }

    public Uri Endpoint { get; }

    /// <summary>GetSecretValue; also returns the response body as AWS sent it (the agent-compatible endpoint serves it).</summary>
    public Task<(GetSecretValueResponse Value, byte[] Body)> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken) =>
        SendAsync("GetSecretValue", request, AwsJsonContext.Default.GetSecretValueRequest, AwsJsonContext.Default.GetSecretValueResponse, cancellationToken);

    public async Task<DescribeSecretResponse> DescribeSecretAsync(string secretId, CancellationToken cancellationToken) =>
        (await SendAsync("DescribeSecret", new DescribeSecretRequest { SecretId = secretId }, AwsJsonContext.Default.DescribeSecretRequest,
            AwsJsonContext.Default.DescribeSecretResponse, cancellationToken).ConfigureAwait(false)).Value;

    public async Task<BatchGetSecretValueResponse> BatchGetSecretValueAsync(IReadOnlyList<string> secretIds, CancellationToken cancellationToken) =>
        (await SendAsync("BatchGetSecretValue", new BatchGetSecretValueRequest { SecretIdList = [.. secretIds] }, AwsJsonContext.Default.BatchGetSecretValueRequest,
            AwsJsonContext.Default.BatchGetSecretValueResponse, cancellationToken).ConfigureAwait(false)).Value;

    private async Task<(TResponse Value, byte[] Body)> SendAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        using var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(payload) };
                message.Content.Headers.ContentType = JsonType;
                message.Headers.Add("X-Amz-Target", "secretsmanager." + operation);
                return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(operation, response, body);
        }

        try
        {
            return (JsonSerializer.Deserialize(body, responseType) ?? throw new JsonException("null"), body);
        }
        catch (JsonException)
        {
            // Never quote the body: it may hold the secret.
            throw new AwsApiException(operation, response.StatusCode, "MalformedResponse", $"the {body.Length}-byte response is not the expected JSON");
        }
    }

    private static AwsApiException Error(string operation, HttpResponseMessage response, byte[] body)
    {
        AwsErrorBody? error = null;
        try
        {
            error = body.Length == 0 ? null : JsonSerializer.Deserialize(body, AwsJsonContext.Default.AwsErrorBody);
        }
        catch (JsonException)
        {
        }

        var header = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var code = AwsApiException.NormalizeCode(error?.Type ?? header);
        return new AwsApiException(operation, response.StatusCode, code.Length == 0 ? response.StatusCode.ToString() : code,
            error?.Message ?? error?.MessageUpper);
    }
}
