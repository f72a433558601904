namespace R3mes.Sidecar.Plan;

/// <summary><c>exec</c> mode: what the child gets on a change, and how long it has to stop.</summary>
public sealed record ExecSpec(ChildChangePolicy OnChange, int Signal, TimeSpan KillTimeout);
