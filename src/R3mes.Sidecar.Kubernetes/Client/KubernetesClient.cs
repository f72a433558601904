using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// The few calls the source makes, on core/v1 Secrets in one namespace, each scoped to one name by
/// <c>fieldSelector=metadata.name=NAME</c> (so RBAC can grant <c>list</c>/<c>watch</c> on that name alone): a list
/// (the state and the resource version it is consistent at) and a watch from a resource version. Every request
/// carries the service-account token; a 401 re-reads the token file and, if the token changed, retries once.
/// No other retries: the watch loop owns the backoff.
/// </summary>
internal sealed class KubernetesClient(HttpClient http, Uri server, ServiceAccountToken token, TimeProvider time, ILogger logger)
{
    /// <summary>A list or the start of a watch must answer within this.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A watch gets this long past its server-side timeout before the client gives up on a silent stream.</summary>
    public static readonly TimeSpan WatchGrace = TimeSpan.FromSeconds(30);

    private const int MaxErrorBytes = 16 * 1024;

    public Uri Server => server;

    public async Task<SecretList> ListSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        using var deadline = new RequestDeadline(RequestTimeout, time, cancellationToken);
        try
        {
            using var response = await SendAsync(SecretsPath(ns, name, null), HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(body, KubernetesJsonContext.Default.SecretList, deadline.Token).ConfigureAwait(false)
                ?? throw new KubernetesApiException(0, null, "the API server answered the list with null");
        }
        catch (JsonException)
        {
            throw new KubernetesApiException(0, null, "the API server answered the list with JSON that is not a SecretList");
        }
        catch (OperationCanceledException) when (deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

    /// <summary>
    /// Opens a watch from <paramref name="resourceVersion"/> with bookmarks; the server ends it after
    /// <paramref name="timeout"/>. Throws <see cref="KubernetesApiException"/> when the server refuses it (410: too old).
    /// </summary>
    public async Task<WatchStream> WatchSecretAsync(string ns, string name, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var query = "watch=1&allowWatchBookmarks=true"
            + $"&resourceVersion={Uri.EscapeDataString(resourceVersion)}"
            + $"&timeoutSeconds={((long)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)}";
        var deadline = new RequestDeadline(timeout + WatchGrace, time, cancellationToken);
        try
        {
            using var start = new RequestDeadline(RequestTimeout, time, deadline.Token);
            var response = await SendAsync(SecretsPath(ns, name, query), HttpCompletionOption.ResponseHeadersRead, start.Token).ConfigureAwait(false);
            try
            {
                var body = await response.Content.ReadAsStreamAsync(start.Token).ConfigureAwait(false);
                return new WatchStream(response, body, deadline);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            deadline.Dispose();
            throw TimedOut();
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    private static KubernetesApiException TimedOut() =>
        new(0, null, $"the API server did not answer within {RequestTimeout.TotalSeconds:0} s");

    private string SecretsPath(string ns, string name, string? query) =>
        $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets?fieldSelector={Uri.EscapeDataString("metadata.name=" + name)}" + (query is null ? "" : "&" + query);

    /// <summary>Sends a GET with the token; on 401 reads the token file again and retries once if it changed.</summary>
    private async Task<HttpResponseMessage> SendAsync(string relative, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var used = token.Current();
        var response = await SendOnceAsync(relative, used, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var fresh = token.Reload();
            var rotated = !string.Equals(fresh, used, StringComparison.Ordinal);
            Log.TokenRefused(logger, token.Path, rotated ? "it changed, retrying with the new token" : "it did not change");
            if (rotated)
            {
                response.Dispose();
                response = await SendOnceAsync(relative, fresh, completion, cancellationToken).ConfigureAwait(false);
            }
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorOf(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(string relative, string bearer, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<KubernetesApiException> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        ApiStatus? status = null;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length is > 0 and <= MaxErrorBytes)
            {
                status = JsonSerializer.Deserialize(bytes, KubernetesJsonContext.Default.ApiStatus);
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            // No Status body: the HTTP status says enough.
        }

        var message = status?.Message is { Length: > 0 } m ? m[..Math.Min(m.Length, 500)] : response.ReasonPhrase ?? "no message";
        return new KubernetesApiException(code, status?.Reason, $"the API server answered {code} {status?.Reason ?? response.ReasonPhrase}: {message}");
    }
}
