namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>A dynamic role (<c>&lt;mount&gt;/roles/&lt;name&gt;</c>): statements with <c>{{name}}</c>-style placeholders and TTLs.</summary>
internal sealed record DatabaseRole(
    string Name,
    string DbName,
    IReadOnlyList<string> CreationStatements,
    IReadOnlyList<string> RevocationStatements,
    IReadOnlyList<string> RenewStatements,
    TimeSpan DefaultTtl,
    TimeSpan MaxTtl);
