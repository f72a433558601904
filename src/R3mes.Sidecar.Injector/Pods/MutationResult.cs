using R3mes.Sidecar.Injector.Patching;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>The decision for one pod: the patch when injected, the message when denied.</summary>
internal sealed record MutationResult(MutationOutcome Outcome, IReadOnlyList<PatchOperation> Operations, string? Message)
{
    public static MutationResult Skip() => new(MutationOutcome.Skipped, [], null);

    public static MutationResult Unchanged() => new(MutationOutcome.Unchanged, [], null);

    public static MutationResult Deny(string message) => new(MutationOutcome.Denied, [], message);
}
