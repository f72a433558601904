namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>A live dynamic credential: its lease, role and the PostgreSQL role the emulator created for it.</summary>
public sealed record DatabaseLease(string LeaseId, string Mount, string Role, string Username);
