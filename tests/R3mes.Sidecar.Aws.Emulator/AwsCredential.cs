namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>A registered access key: temporary when it has a session token; <see cref="PrincipalArn"/> is what
/// GetCallerIdentity reports.</summary>
public sealed record AwsCredential(string AccessKeyId, string SecretKey, string? SessionToken, DateTimeOffset? Expires, string PrincipalArn, string UserId);
