namespace R3mes.Sidecar.Vault.Leases;

/// <summary>A replaced lease, revoked at <see cref="RevokeAt"/> (the replacement's write plus <c>revoke_grace</c>).</summary>
internal sealed record RetiringLease(string Id, DateTimeOffset RevokeAt);
