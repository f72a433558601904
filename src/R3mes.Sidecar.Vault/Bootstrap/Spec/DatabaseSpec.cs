namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary><c>database:</c> — the database secrets engine, its connections and dynamic roles.</summary>
internal sealed record DatabaseSpec(string Mount, IReadOnlyList<DatabaseConnectionSpec> Connections, IReadOnlyList<DatabaseRoleSpec> Roles);
