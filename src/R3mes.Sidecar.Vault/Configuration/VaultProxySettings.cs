namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The validated <c>vault.proxy:</c>.</summary>
public sealed record VaultProxySettings(Plan.ListenAddress Listen, bool ForceAutoAuthToken);
