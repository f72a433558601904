namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>One request as the emulator saw it: never the token itself, only its accessor.</summary>
public sealed record EmulatorRequest(string Method, string Path, string Query, string? Accessor, int Status);
