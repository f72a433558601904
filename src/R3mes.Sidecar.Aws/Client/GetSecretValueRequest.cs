using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>GetSecretValue input.</summary>
public sealed class GetSecretValueRequest
{
    public string SecretId { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VersionId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VersionStage { get; set; }
}
