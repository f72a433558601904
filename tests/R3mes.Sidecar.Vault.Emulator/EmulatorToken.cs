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

    /// <summary>Vault's display name: <c>root</c> for the root token, <c>token</c> for auth/token/create, else the auth mount.</summary>
    public string DisplayName => Path switch
    {
        "auth/token/root" => "root",
        "auth/token/create" => "token",
        _ when Path.StartsWith("auth/", StringComparison.Ordinal) && Path.EndsWith("/login", StringComparison.Ordinal) => Path[5..^6].Replace('/', '-'),
        _ => "token",
    };

    public DateTimeOffset? MaxExpiry => MaxTtl > TimeSpan.Zero ? Created + MaxTtl : null;
}
