using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>A denial's <c>status</c> (a metav1.Status subset): the code and the message shown to the user.</summary>
internal sealed record AdmissionStatus
{
    [JsonPropertyName("code")]
    public int Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
