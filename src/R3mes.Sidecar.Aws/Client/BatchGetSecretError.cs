namespace R3mes.Sidecar.Aws.Client;

/// <summary>One secret BatchGetSecretValue could not read.</summary>
public sealed class BatchGetSecretError
{
    public string? SecretId { get; set; }

    public string? ErrorCode { get; set; }

    public string? Message { get; set; }
}
