using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Actions.Running;

/// <summary>An action that every change triggers, whatever the secret's <c>on_change</c> says (exec mode's child).</summary>
public sealed record EveryChangeAction(ActionSpec Spec);
