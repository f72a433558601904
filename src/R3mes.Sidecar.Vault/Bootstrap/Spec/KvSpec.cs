namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary><c>kv:</c> — one KV mount and the initial secrets written into it.</summary>
internal sealed record KvSpec(string Mount, int Version, IReadOnlyList<KvSecretSpec> Secrets);
