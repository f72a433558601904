namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>A dynamic role (<c>&lt;mount&gt;/roles/&lt;name&gt;</c>): its connection, statements and TTLs.</summary>
internal sealed record DatabaseRoleSpec(
    string Name,
    string Connection,
    IReadOnlyList<string> CreationStatements,
    IReadOnlyList<string> RevocationStatements,
    TimeSpan DefaultTtl,
    TimeSpan MaxTtl);
