namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary><c>vault:</c> — where to bootstrap (the command line and <c>VAULT_ADDR</c> override the address).</summary>
internal sealed record VaultTarget(Uri? Address, string? Namespace, string? CaFile);
