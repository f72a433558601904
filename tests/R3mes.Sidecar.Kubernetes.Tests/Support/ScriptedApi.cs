using System.Threading.Channels;

namespace R3mes.Sidecar.Kubernetes.Tests.Support;

/// <summary>
/// An HTTP handler that hands every request to the test, which answers it when it wants (a JSON body, an error
/// status, or a watch stream it feeds line by line). Lets the watch loop run on a fake clock, deterministically.
/// </summary>
internal sealed class ScriptedApi : HttpMessageHandler
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<PendingRequest> _requests = Channel.CreateUnbounded<PendingRequest>();

    /// <summary>The next request the client sent (waits up to 10 s of real time for it).</summary>
    public async Task<PendingRequest> NextAsync() =>
        await _requests.Reader.ReadAsync().AsTask().WaitAsync(Patience, TimeProvider.System);

    /// <summary>Whether a request arrived that the test has not taken yet (after letting the loop run a little).</summary>
    public async Task<bool> HasRequestAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        return _requests.Reader.TryPeek(out _);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest(request);
        _requests.Writer.TryWrite(pending);
        return pending.Response.WaitAsync(cancellationToken);
    }
}
