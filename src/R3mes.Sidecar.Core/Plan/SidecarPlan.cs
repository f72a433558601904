namespace R3mes.Sidecar.Plan;

/// <summary>The validated configuration: what to fetch, where to write it, whom to tell.</summary>
public sealed record SidecarPlan(
    OutputSpec Output,
    IReadOnlyList<SecretSpec> Secrets,
    IReadOnlyDictionary<string, ActionSpec> Actions,
    ExecSpec Exec,
    ListenAddress? Listen,
    string? StateDir,
    TimeSpan RetryBudget,
    LogSpec Log,
    IReadOnlyDictionary<string, object>? Sections = null)
{
    /// <summary>The settings a plugin read from its own top-level section (<c>vault</c>, <c>aws</c>), if configured.</summary>
    public T? Section<T>(string name)
        where T : class => Sections is not null && Sections.TryGetValue(name, out var value) ? value as T : null;
}
