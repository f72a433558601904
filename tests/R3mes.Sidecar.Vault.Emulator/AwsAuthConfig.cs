namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>The aws auth mount's client config: where GetCallerIdentity is forwarded and the required server id header value.</summary>
internal sealed record AwsAuthConfig(string Mount, Uri StsEndpoint, string? ServerIdHeaderValue);
