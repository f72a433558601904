using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Endpoints;

/// <summary>One backend in <c>/status</c>: up or not since when, and the last error it gave (value-free).</summary>
internal sealed record BackendEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("up")] bool Up,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("last_error")] string? LastError);
