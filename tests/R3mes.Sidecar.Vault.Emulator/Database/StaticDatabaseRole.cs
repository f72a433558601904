namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>A static role: an existing PostgreSQL role whose password the emulator rotates every <see cref="RotationPeriod"/>.</summary>
internal sealed class StaticDatabaseRole
{
    public required string Name { get; init; }

    public required string DbName { get; init; }

    public required string Username { get; init; }

    public required TimeSpan RotationPeriod { get; init; }

    public required string Password { get; set; }

    public required DateTimeOffset LastRotation { get; set; }

    public DateTimeOffset NextRotation => LastRotation + RotationPeriod;
}
