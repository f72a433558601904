namespace R3mes.Sidecar.Actions;

/// <summary>
/// Makes actions of one kind from configuration, found by <see cref="Kind"/>: the key that names the kind in an
/// action's mapping (<c>{ signal: SIGHUP, … }</c>, <c>{ command: […] }</c>, <c>{ http: {…} }</c>).
/// </summary>
public interface IReloadActionFactory
{
    string Kind { get; }

    /// <summary>Keys this kind accepts besides its kind key and the common <c>wait</c>.</summary>
    IReadOnlyCollection<string> OptionKeys { get; }

    IReloadAction? Create(ActionContext context);
}
