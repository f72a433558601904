namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The validated <c>vault:</c> section.</summary>
public sealed record VaultSettings(
    Uri Address,
    string? Namespace,
    VaultTlsSettings Tls,
    VaultAuthSettings Auth,
    int MaxConcurrent,
    TimeSpan Timeout,
    string? TokenFile,
    VaultProxySettings? Proxy,
    bool RevokeOnShutdown = false);
