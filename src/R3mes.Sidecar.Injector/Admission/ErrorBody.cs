using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>The JSON body of a non-200 answer (a malformed review, a wrong path or method): a metav1.Status.</summary>
internal sealed record ErrorBody
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "v1";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "Status";

    [JsonPropertyName("status")]
    public string Status { get; init; } = "Failure";

    [JsonPropertyName("code")]
    public required int Code { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
