using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Plan;

/// <summary>One secret: where it comes from, which files it becomes, and which actions its changes trigger.</summary>
public sealed record SecretSpec(
    string Name,
    ISecretSource Source,
    string? Key,
    IReadOnlyList<FileSpec> Files,
    IReadOnlyList<string> OnChange,
    UpdatePolicy Update,
    bool Required,
    TimeSpan Refresh,
    bool AllowEmpty = false);
