namespace R3mes.Sidecar.Plan;

/// <summary>The validated configuration: what to fetch, where to write it, whom to tell.</summary>
public sealed record SidecarPlan(
    OutputSpec Output,
    IReadOnlyList<SecretSpec> Secrets,
    IReadOnlyDictionary<string, ActionSpec> Actions,
    ExecSpec Exec,
    string? Listen,
    string? StateDir,
    TimeSpan RetryBudget,
    LogSpec Log);
