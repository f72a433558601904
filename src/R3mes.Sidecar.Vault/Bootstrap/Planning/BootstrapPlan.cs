namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The steps that bring Vault to the file's state, in order, and notes about differences left alone on purpose.</summary>
internal sealed record BootstrapPlan(IReadOnlyList<BootstrapStep> Steps, IReadOnlyList<string> Notes)
{
    public bool IsEmpty => Steps.Count == 0;
}
