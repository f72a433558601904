namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>How a bootstrap run behaves: <see cref="DryRun"/> prints the plan only; <see cref="NewSecretIds"/> issues a new wrapped secret id for every AppRole service.</summary>
internal sealed record BootstrapOptions(bool DryRun, bool NewSecretIds);
