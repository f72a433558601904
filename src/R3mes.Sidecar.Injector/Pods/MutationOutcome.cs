namespace R3mes.Sidecar.Injector.Pods;

/// <summary>What the webhook decided for a pod (also the <c>outcome</c> label of its metrics).</summary>
internal enum MutationOutcome
{
    /// <summary>Not ours: another kind or operation, no <c>inject: "true"</c>, a system namespace, the injector itself.</summary>
    Skipped,

    /// <summary>Already injected: an empty patch.</summary>
    Unchanged,

    Injected,

    Denied,
}
