using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Pipeline;

/// <summary>The outcome of one successful refresh: which files changed (names only) and the value's freshness.</summary>
public sealed record RefreshResult(IReadOnlyList<string> ChangedFiles, Freshness Freshness);
