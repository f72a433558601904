namespace R3mes.Sidecar.Injector.Settings;

/// <summary>The validated <c>vault:</c> settings; <see cref="CaPem"/> is the CA read from <c>ca_file</c> at start.</summary>
public sealed record VaultTarget(Uri Address, string? CaPem, string AuthMount);
