using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Patching;

/// <summary>One RFC 6902 operation. The injector only adds (an <c>add</c> on an existing member replaces it).</summary>
internal sealed record PatchOperation(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("value")] JsonNode? Value)
{
    public static PatchOperation Add(string path, JsonNode value) => new("add", path, value);
}
