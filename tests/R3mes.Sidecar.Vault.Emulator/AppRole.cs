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
}
