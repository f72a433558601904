using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>
/// The webhook's answer. <see cref="Patch"/> is the base64 of an RFC 6902 JSON Patch array, sent only when there is
/// something to change; a denial sets <see cref="Allowed"/> false and a <see cref="Status"/> whose message the user sees.
/// </summary>
internal sealed record AdmissionResponse
{
    [JsonPropertyName("uid")]
    public required string Uid { get; init; }

    [JsonPropertyName("allowed")]
    public required bool Allowed { get; init; }

    [JsonPropertyName("patchType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PatchType { get; init; }

    [JsonPropertyName("patch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Patch { get; init; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionStatus? Status { get; init; }
}
