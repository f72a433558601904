using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>The object's kind in an admission request (<c>{"group":"","version":"v1","kind":"Pod"}</c>).</summary>
internal sealed record GroupVersionKind
{
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    public bool IsCorePod => string.IsNullOrEmpty(Group) && Version == "v1" && Kind == "Pod";
}
