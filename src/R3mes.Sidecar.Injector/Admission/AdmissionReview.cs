using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>
/// <c>admission.k8s.io/v1</c> AdmissionReview: the API server sends <see cref="Request"/>, the webhook answers with
/// the same apiVersion and kind and a <see cref="Response"/>.
/// </summary>
internal sealed record AdmissionReview
{
    public const string Version = "admission.k8s.io/v1";
    public const string KindName = "AdmissionReview";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionRequest? Request { get; init; }

    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionResponse? Response { get; init; }
}
