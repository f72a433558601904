namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>How to start the emulator: its clock, root token and port (0 = any free port).</summary>
public sealed class VaultEmulatorOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string RootToken { get; init; } = "hvs.emulator-root";

    public int Port { get; init; }

    /// <summary>Serve HTTPS with this CA's server certificate, asking for (not requiring) a client certificate.</summary>
    public EmulatorCertificates? Tls { get; init; }
}
