using System.Text.Json;

namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>One line of a watch stream: <c>{"type": "ADDED", "object": {…}}</c>; the object's kind depends on the type.</summary>
internal sealed class WatchFrame
{
    public string? Type { get; set; }

    public JsonElement Object { get; set; }
}
