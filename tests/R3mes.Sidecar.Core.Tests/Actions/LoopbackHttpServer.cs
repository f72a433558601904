using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace R3mes.Sidecar.Actions;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port that records each request and answers with
/// <see cref="Status"/> and <see cref="Body"/>, or holds the answer while <see cref="Hold"/> is set. Shared with
/// R3mes.Sidecar.Tests (linked source), where the real binary's http action calls it.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoopbackHttpServer()
    {
        (_listener, Port) = Listen();
        _loop = ServeAsync();
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public int Status { get; set; } = 200;

    public string Body { get; set; } = "";

    public bool Hold { get; set; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public async ValueTask DisposeAsync()
    {
        if (!_released.TrySetResult())
        {
            return;
        }

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

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "", new NameValueCollection(context.Request.Headers), body.ToArray()));
            if (Hold)
            {
                await _released.Task;
            }

            try
            {
                context.Response.StatusCode = Status;
                if (Status is 301 or 302)
                {
                    context.Response.RedirectLocation = Url("/redirected");
                }

                var bytes = Encoding.UTF8.GetBytes(Body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
            {
                // The client gave up.
            }
        }
    }

    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }
}
