using System.Net;
using System.Text.Json;
using Polly;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// The typed Vault HTTP client. Sends <c>X-Vault-Request: true</c> always and <c>X-Vault-Namespace</c> when set,
/// encodes every path segment, bounds concurrency and times out each call through one Polly pipeline
/// (<see cref="Resilience.BackendPipeline"/>: one attempt, no retries — the caller's backoff is the one retry layer,
/// docs/retries.md; a standby's redirect is followed by the HTTP handler, which is not a retry), caps response size,
/// and turns error bodies into <see cref="VaultApiException"/>. Accepts 200, 202 and 204; never parses an empty body.
/// </summary>
public sealed class VaultClient
{
    public const int MaxResponseBytes = 4 << 20;

    private readonly HttpClient _http;
    private readonly VaultSettings _settings;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public VaultClient(HttpClient http, VaultSettings settings, ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        _http = http;
        _settings = settings;
        _pipeline = pipeline;
        _http.BaseAddress ??= settings.Address;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.MaxResponseContentBufferSize = MaxResponseBytes;
    }

    public Uri Address => _settings.Address;

    internal Task<VaultResponse> SendAsync(
        HttpMethod method,
        IEnumerable<string> segments,
        SecretValue? token,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? body = null,
        string? query = null,
        bool acceptNotFound = false) =>
        SendCoreAsync(method, segments, token, body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, VaultJsonContext.Default.DictionaryStringString),
            null, query, acceptNotFound, cancellationToken);

    /// <summary>
    /// Sends a JSON body of any shape (lists, numbers, nested objects: engine and role configuration), optionally
    /// asking Vault to response-wrap the answer for <paramref name="wrapTtl"/> (<c>X-Vault-Wrap-TTL</c>, whole seconds).
    /// </summary>
    internal Task<VaultResponse> SendJsonAsync(
        HttpMethod method,
        IEnumerable<string> segments,
        SecretValue token,
        System.Text.Json.Nodes.JsonNode? body,
        CancellationToken cancellationToken,
        string? query = null,
        bool acceptNotFound = false,
        TimeSpan? wrapTtl = null)
    {
        byte[]? payload = null;
        if (body is not null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                body.WriteTo(writer);
            }

            payload = buffer.ToArray();
        }

        var wrap = wrapTtl is { } ttl ? ((long)ttl.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return SendCoreAsync(method, segments, token, payload, wrap, query, acceptNotFound, cancellationToken);
    }

    private async Task<VaultResponse> SendCoreAsync(
        HttpMethod method,
        IEnumerable<string> segments,
        SecretValue? token,
        byte[]? payload,
        string? wrapTtl,
        string? query,
        bool acceptNotFound,
        CancellationToken cancellationToken)
    {
        var path = VaultPath.Join(segments);
        var operation = $"{method} {path[3..]}";
        using var response = await _pipeline.ExecuteAsync(
            async token2 =>
            {
                using var request = new HttpRequestMessage(method, query is null ? path : $"{path}?{query}");
                request.Headers.Add("X-Vault-Request", "true");
                if (_settings.Namespace is { } ns)
                {
                    request.Headers.Add("X-Vault-Namespace", ns);
                }

                if (wrapTtl is not null)
                {
                    request.Headers.Add("X-Vault-Wrap-TTL", wrapTtl);
                }

                if (token is not null)
                {
                    request.Headers.TryAddWithoutValidation("X-Vault-Token", token.RevealUtf8());
                }

                if (payload is not null)
                {
                    request.Content = new ByteArrayContent(payload);
                    request.Content.Headers.ContentType = new("application/json");
                }

                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token2).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, operation, acceptNotFound, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<VaultResponse> ReadAsync(HttpResponseMessage response, string operation, bool acceptNotFound, CancellationToken cancellationToken)
    {
        var bytes = await ReadCappedAsync(response, operation, cancellationToken).ConfigureAwait(false);
        var envelope = bytes.Length == 0 ? null : Parse(bytes, response.StatusCode, operation);
        var status = response.StatusCode;
        if (status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent ||
            (acceptNotFound && status == HttpStatusCode.NotFound))
        {
            return new VaultResponse(status, envelope);
        }

        throw new VaultApiException(status, envelope?.Errors ?? [], operation);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new VaultApiException($"vault {operation}: response larger than {MaxResponseBytes} bytes refused");
        }

        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new VaultApiException($"vault {operation}: response larger than {MaxResponseBytes} bytes refused");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses the envelope. Parser messages quote input, so they are replaced by a value-free one.</summary>
    private static VaultEnvelope? Parse(byte[] bytes, HttpStatusCode status, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, VaultJsonContext.Default.VaultEnvelope);
        }
        catch (JsonException)
        {
            throw new VaultApiException(status, [$"the response is not a Vault JSON envelope ({bytes.Length} bytes)"], operation);
        }
    }
}
