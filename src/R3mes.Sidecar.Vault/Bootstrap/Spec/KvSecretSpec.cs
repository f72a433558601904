namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>One KV secret: its path inside the mount and its fields, each read from a file.</summary>
internal sealed record KvSecretSpec(string Path, IReadOnlyList<KvField> Fields, KvUpdate Update);
