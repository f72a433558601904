using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions.Http;

/// <summary>
/// Calls an HTTP endpoint with the configured method and headers and an empty body. The header
/// <c>X-R3mes-Changed</c> lists the changed file names, comma-separated, each percent-encoded as a URI data string
/// (plain names such as <c>ssl_certificate</c> are unchanged; a space becomes <c>%20</c>, a comma <c>%2C</c>).
/// Any 2xx answer is success; redirects are not followed. Another status fails the run with the status code only:
/// the response body is never read. Header values and the URL's query never appear in logs or messages.
/// </summary>
internal sealed class HttpAction(
    HttpClient client,
    HttpMethod method,
    Uri url,
    IReadOnlyList<KeyValuePair<string, string>> headers,
    TimeSpan timeout,
    TimeProvider timeProvider,
    ILogger<HttpAction> logger) : IReloadAction
{
    public const string ChangedHeader = "X-R3mes-Changed";

    /// <summary>The URL without its query (which may carry a token): <c>http://127.0.0.1:3000/api/reload?…</c>.</summary>
    private string DisplayUrl => url.GetLeftPart(UriPartial.Path) + (url.Query.Length > 0 ? "?..." : "");

    public string Description => $"http {method} {DisplayUrl}, timeout {Duration.Format(timeout)}";

    public async Task RunAsync(ActionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation(ChangedHeader, string.Join(',', run.ChangedFiles.Select(Uri.EscapeDataString)));
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ActionFailedException($"http {method} {DisplayUrl} got no answer within its timeout of {Duration.Format(timeout)}");
        }
        catch (HttpRequestException e)
        {
            throw new ActionFailedException($"http {method} {DisplayUrl} failed: {e.Message}", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            logger.HttpAnswered(run.ActionName, method.Method, DisplayUrl, status);
            if (!response.IsSuccessStatusCode)
            {
                throw new ActionFailedException($"http {method} {DisplayUrl} answered {status}, expected 2xx");
            }
        }
    }
}
