namespace R3mes.Sidecar.Plan;

/// <summary>
/// The settings read from the plan's top-level sections (<c>vault:</c>, <c>aws:</c>, <c>kubernetes:</c>) and
/// <c>state_dir</c>, for the backend runtimes. Why a holder: a source is made by its factory while the plan is
/// built and holds its backend's runtime (client, session), and that runtime is configured by another section of
/// the same plan. The cycle is broken by ordering, not by a service locator: <see cref="SidecarPlanBuilder"/> reads
/// every section before <c>secrets:</c> and fills this holder then; a runtime reads it at its first use, which
/// comes after (a fetch, the host's start). Reading it earlier is a bug and throws.
/// </summary>
public sealed class PlanSections
{
    private IReadOnlyDictionary<string, object>? _sections;
    private string? _stateDir;

    public string? StateDir => Filled()._stateDir;

    public T? Get<T>(string name)
        where T : class => Filled()._sections!.TryGetValue(name, out var value) ? value as T : null;

    /// <summary>Called by the plan builder once the sections are validated, before any source is made.</summary>
    public void Fill(string? stateDir, IReadOnlyDictionary<string, object> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        _stateDir = stateDir;
        Volatile.Write(ref _sections, sections);
    }

    private PlanSections Filled() => Volatile.Read(ref _sections) is null
        ? throw new InvalidOperationException("the plan's sections are read before the sources use them: a runtime was used while the plan was being built")
        : this;
}
