using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>An error body: <c>__type</c> and <c>message</c> (some services say <c>Message</c>).</summary>
public sealed class AwsErrorBody
{
    [JsonPropertyName("__type")]
    public string? Type { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("Message")]
    public string? MessageUpper { get; set; }
}
