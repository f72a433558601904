namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>An AppRole role: its role_id, live secret_ids, and the token it issues.</summary>
public sealed class AppRole
{
    public required string Mount { get; init; }

    public required string Name { get; init; }

    public required string RoleId { get; init; }

    public HashSet<string> SecretIds { get; } = new(StringComparer.Ordinal);

    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromMinutes(20);

    public TimeSpan TokenMaxTtl { get; init; }

    public TimeSpan TokenPeriod { get; init; }

    public IReadOnlyList<string> Policies { get; init; } = ["default"];

    public TimeSpan SecretIdTtl { get; init; }

    /// <summary>How many logins one secret_id allows (0: unlimited).</summary>
    public int SecretIdNumUses { get; init; }

    /// <summary>Logins left per secret_id issued while <see cref="SecretIdNumUses"/> was set.</summary>
    public Dictionary<string, int> RemainingUses { get; } = new(StringComparer.Ordinal);
}
