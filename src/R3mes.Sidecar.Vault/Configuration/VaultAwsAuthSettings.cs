namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The <c>aws</c> method's STS endpoint and region (Vault's defaults: sts.amazonaws.com, us-east-1) and server id header value.</summary>
public sealed record VaultAwsAuthSettings(Uri StsEndpoint, string StsRegion, string? ServerId);
