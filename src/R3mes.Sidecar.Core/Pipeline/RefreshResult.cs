using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Pipeline;

/// <summary>The outcome of one successful refresh: which files changed (names only) and the value's freshness.</summary>
public sealed record RefreshResult(IReadOnlyList<string> ChangedFiles, Freshness Freshness)
{
    /// <summary>
    /// The changed files this process created: they did not exist before its first write of them (a cold start's
    /// first render). Actions skip them unless <c>on_first_render</c> is set — the consumer has not read them yet.
    /// </summary>
    public IReadOnlyList<string> CreatedFiles { get; init; } = [];
}
