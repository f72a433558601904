using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>DescribeSecret output: no value, only metadata and which version carries which stage.</summary>
public sealed class DescribeSecretResponse
{
    [JsonPropertyName("ARN")]
    public string? Arn { get; set; }

    public string? Name { get; set; }

    public Dictionary<string, List<string>>? VersionIdsToStages { get; set; }

    public bool? RotationEnabled { get; set; }

    public double? LastChangedDate { get; set; }

    public double? LastRotatedDate { get; set; }

    public double? DeletedDate { get; set; }
}
