using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>An open watch stream: what it selects, the lines queued for it, and its connection (to cut it).</summary>
internal sealed class ActiveWatch(HttpContext context, string ns, string? name, bool bookmarks)
{
    public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

    public HttpContext Context => context;

    public bool Bookmarks => bookmarks;

    public bool Selects(StoredSecret secret) =>
        secret.Namespace == ns && (name is null || secret.Name == name);
}
