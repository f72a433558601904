namespace R3mes.Sidecar.Aws.Configuration;

/// <summary>The validated <c>aws:</c> section.</summary>
public sealed record AwsSettings(string Region, Uri? Endpoint, int MaxConcurrent, TimeSpan Timeout, AwsAgentSettings? Agent);
