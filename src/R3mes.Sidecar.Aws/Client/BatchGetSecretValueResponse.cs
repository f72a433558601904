namespace R3mes.Sidecar.Aws.Client;

/// <summary>BatchGetSecretValue output: the values found and an error per secret that could not be read.</summary>
public sealed class BatchGetSecretValueResponse
{
    public List<GetSecretValueResponse>? SecretValues { get; set; }

    public List<BatchGetSecretError>? Errors { get; set; }
}
