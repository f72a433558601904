using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>GetSecretValue output (also each BatchGetSecretValue value). <see cref="SecretString"/> and <see cref="SecretBinary"/> are secrets.</summary>
public sealed class GetSecretValueResponse
{
    [JsonPropertyName("ARN")]
    public string? Arn { get; set; }

    public string? Name { get; set; }

    public string? VersionId { get; set; }

    public string? SecretString { get; set; }

    /// <summary>Base64 of the binary secret.</summary>
    public string? SecretBinary { get; set; }

    public List<string>? VersionStages { get; set; }

    public double? CreatedDate { get; set; }

    public override string ToString() => $"secret {Name} version {VersionId}";
}
