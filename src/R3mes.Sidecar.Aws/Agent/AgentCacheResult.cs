namespace R3mes.Sidecar.Aws.Agent;

/// <summary>A GetSecretValue body to serve; <see cref="Stale"/> when it is a cached body served because a refresh failed.</summary>
internal readonly record struct AgentCacheResult(byte[] Body, bool Stale, AgentFailure? RefreshFailure);
