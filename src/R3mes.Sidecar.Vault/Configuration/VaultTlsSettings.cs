namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The validated <c>vault.tls:</c>; paths are absolute.</summary>
public sealed record VaultTlsSettings(string? CaFile, string? ServerName, string? ClientCert, string? ClientKey, bool SkipVerify);
