namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>One enabled database secrets engine: connections, dynamic and static roles, live leases.</summary>
internal sealed class DatabaseMount(string path)
{
    public string Path { get; } = path;

    public Dictionary<string, DatabaseConnection> Connections { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatabaseRole> Roles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StaticDatabaseRole> StaticRoles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatabaseLease> Leases { get; } = new(StringComparer.Ordinal);

    /// <summary>Serializes static-role rotations so two requests never rotate the same password twice.</summary>
    public SemaphoreSlim Rotation { get; } = new(1, 1);
}
