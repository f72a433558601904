using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// Reads one secret version from Secrets Manager (the parsed value and the response body as AWS sent it), and asks
/// which version carries which stage without reading a value.
/// </summary>
internal interface ISecretValueReader
{
    Task<(GetSecretValueResponse Value, byte[] Body)> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken);

    Task<DescribeSecretResponse> DescribeSecretAsync(string secretId, CancellationToken cancellationToken);
}
