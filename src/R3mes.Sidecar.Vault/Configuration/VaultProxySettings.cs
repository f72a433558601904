namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The validated <c>vault.proxy:</c>.</summary>
public sealed record VaultProxySettings(string Listen, bool ForceAutoAuthToken);
