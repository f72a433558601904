namespace R3mes.Sidecar.Aws.Agent;

/// <summary>What one cached GetSecretValue answer is for (AWS's agent keys its memory store the same way).</summary>
internal readonly record struct AgentCacheKey(string SecretId, string? VersionId, string? VersionStage);
