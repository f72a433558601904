namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary><c>pki:</c> — the PKI engine (mount max lease TTL), its CA and its roles.</summary>
internal sealed record PkiSpec(string Mount, TimeSpan MaxLeaseTtl, PkiCaSpec Ca, IReadOnlyList<PkiRoleSpec> Roles);
