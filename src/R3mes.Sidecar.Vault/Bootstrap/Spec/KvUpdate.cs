namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// When a KV secret is written: <see cref="IfAbsent"/> (the default) only when the path does not exist yet — after the
/// first bootstrap Vault is the source of truth and rotations happen there; <see cref="Always"/> whenever a field
/// differs from its file.
/// </summary>
internal enum KvUpdate
{
    IfAbsent,
    Always,
}
