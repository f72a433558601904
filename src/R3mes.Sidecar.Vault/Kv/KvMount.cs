namespace R3mes.Sidecar.Vault.Kv;

/// <summary>Where a KV path lives: the mount's segments, the path below it, and the engine version.</summary>
internal sealed record KvMount(IReadOnlyList<string> Mount, IReadOnlyList<string> Relative, int Version);
