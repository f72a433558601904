using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Plugins.Tests.Actions.Recording;

/// <summary><c>{ record: &lt;label&gt; }</c>: an action that records each run under its label (a demonstration action).</summary>
internal sealed class RecordingActionFactory(RecordedRuns runs) : IReloadActionFactory
{
    public string Kind => "record";

    public IReadOnlyCollection<string> OptionKeys => [];

    public IReloadAction? Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Section[Kind] is not { Length: > 0 } label)
        {
            context.Errors.Add($"{context.Path}.{Kind}", "name the record, e.g. record: reloads");
            return null;
        }

        return new RecordingAction(label, runs);
    }
}
