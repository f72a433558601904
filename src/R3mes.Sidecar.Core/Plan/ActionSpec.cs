using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Plan;

/// <summary>A named action and its debounce window.</summary>
public sealed record ActionSpec(string Name, IReloadAction Action, Debounce Wait);
