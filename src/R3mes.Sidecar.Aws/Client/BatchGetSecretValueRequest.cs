namespace R3mes.Sidecar.Aws.Client;

/// <summary>BatchGetSecretValue input (at most 20 ids).</summary>
public sealed class BatchGetSecretValueRequest
{
    public List<string> SecretIdList { get; set; } = [];
}
