namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>One request as the emulator saw it: the operation (Secrets Manager target, STS action or
/// <c>ContainerCredentials</c>), the secret asked for, the answer's status and error type, and the access key id (never the secret).</summary>
public sealed record AwsRequest(string Operation, string? SecretId, int Status, string? AccessKeyId, string? ErrorType);
