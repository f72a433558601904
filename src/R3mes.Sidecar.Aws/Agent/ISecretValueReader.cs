using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>Reads one secret version from Secrets Manager: the parsed value and the response body as AWS sent it.</summary>
internal interface ISecretValueReader
{
    Task<(GetSecretValueResponse Value, byte[] Body)> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken);
}
