namespace R3mes.Sidecar.Aws.Client;

/// <summary>DescribeSecret input.</summary>
public sealed class DescribeSecretRequest
{
    public string SecretId { get; set; } = "";
}
