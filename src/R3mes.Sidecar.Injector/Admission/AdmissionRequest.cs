using System.Text.Json;
using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>
/// The fields of an admission request the injector reads. <see cref="Object"/> stays raw JSON: the pod is parsed
/// into a mutable tree only when it is ours to patch. A controller's pod has no <c>metadata.name</c> and may have no
/// <c>metadata.namespace</c>: <see cref="Namespace"/> is the one to trust.
/// </summary>
internal sealed record AdmissionRequest
{
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; init; }

    [JsonPropertyName("object")]
    public JsonElement Object { get; init; }
}
