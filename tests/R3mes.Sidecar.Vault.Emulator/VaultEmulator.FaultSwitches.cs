namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>Switches for fault-matrix tests: end a queued burst of errors early.</summary>
public sealed partial class VaultEmulator
{
    /// <summary>Forgets every queued <see cref="FailNext"/>/<see cref="DropNext"/> fault: the next request is answered normally.</summary>
    public void ClearFaults() => _faults.Clear();
}
