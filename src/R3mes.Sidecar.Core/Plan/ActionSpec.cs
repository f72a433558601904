using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Plan;

/// <summary>A named action, its debounce window, and whether files this process created (a first render) trigger it.</summary>
public sealed record ActionSpec(string Name, IReloadAction Action, Debounce Wait, bool OnFirstRender = false);
