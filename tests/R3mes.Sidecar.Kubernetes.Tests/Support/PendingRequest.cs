using System.Net;
using System.Text;
using System.Web;

namespace R3mes.Sidecar.Kubernetes.Tests.Support;

/// <summary>A request waiting for the test's answer.</summary>
internal sealed class PendingRequest(HttpRequestMessage request)
{
    private readonly TaskCompletionSource<HttpResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Uri { get; } = request.RequestUri!;

    public string? Bearer { get; } = request.Headers.Authorization?.Parameter;

    public Task<HttpResponseMessage> Response => _response.Task;

    public bool IsWatch => Query("watch") == "1";

    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];

    public void Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        _response.TrySetResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    public void Status(int code, string reason) =>
        Json($$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{reason}} by the script","reason":"{{reason}}","code":{{code}}}""", (HttpStatusCode)code);

    /// <summary>Answers 200 with a stream the test feeds.</summary>
    public WatchFeed Stream()
    {
        var feed = new WatchFeed();
        _response.TrySetResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(feed.Reader) });
        return feed;
    }
}
