using System.IO.Pipelines;
using System.Text;

namespace R3mes.Sidecar.Kubernetes.Tests.Support;

/// <summary>The server side of a scripted watch stream: send event lines, end it cleanly, or break it mid-way.</summary>
internal sealed class WatchFeed
{
    private readonly Pipe _pipe = new();

    public Stream Reader => _pipe.Reader.AsStream();

    public async Task SendAsync(string line) =>
        await _pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public Task EndAsync() => _pipe.Writer.CompleteAsync().AsTask();

    public Task BreakAsync() => _pipe.Writer.CompleteAsync(new IOException("connection reset by the script")).AsTask();
}
