using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>A KV field and its value, read from <see cref="File"/> (the bytes exactly, as the file source renders them).</summary>
internal sealed record KvField(string Name, string File, SecretValue Value)
{
    public override string ToString() => $"{Name} (from {File})";
}
