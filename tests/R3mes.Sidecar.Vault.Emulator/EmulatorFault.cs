namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>A queued failure: answer the next requests with a status and Vault's error body, or drop the connection.</summary>
public sealed record EmulatorFault(int Status, string? Message, bool Drop = false);
