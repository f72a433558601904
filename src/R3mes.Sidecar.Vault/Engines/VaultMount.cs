using R3mes.Sidecar.Vault.Kv;

namespace R3mes.Sidecar.Vault.Engines;

/// <summary>Where a path lives: the mount's segments, the path below it, the engine type, and the KV version.</summary>
internal sealed record VaultMount(IReadOnlyList<string> Mount, IReadOnlyList<string> Relative, string Type, int KvVersion)
{
    public bool IsKv => Type is "kv" or "generic";

    public KvMount AsKv() => new(Mount, Relative, KvVersion);

    /// <summary>The first segment below the mount (<c>creds</c>, <c>static-creds</c>, <c>issue</c>), or empty.</summary>
    public string Operation => Relative.Count > 0 ? Relative[0] : "";
}
