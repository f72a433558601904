namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>A token in the emulator's store, with Vault's TTL rules (ttl, explicit max TTL, period).</summary>
public sealed class EmulatorToken
{
    public required string Id { get; init; }

    public required string Accessor { get; init; }

    public required IReadOnlyList<string> Policies { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string Path { get; init; }

    public TimeSpan Ttl { get; set; }

    public TimeSpan MaxTtl { get; init; }

    public TimeSpan Period { get; init; }

    public bool Renewable { get; init; } = true;

    public bool Orphan { get; init; }

    public string? Parent { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsRoot => Policies.Contains("root");

    public DateTimeOffset? MaxExpiry => MaxTtl > TimeSpan.Zero ? Created + MaxTtl : null;
}
