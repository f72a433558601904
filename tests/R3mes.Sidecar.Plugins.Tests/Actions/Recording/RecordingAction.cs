using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Plugins.Tests.Actions.Recording;

/// <summary>Tells by recording: adds the run (label, action, files) to <see cref="RecordedRuns"/>.</summary>
internal sealed class RecordingAction(string label, RecordedRuns runs) : IReloadAction
{
    public string Description => $"record to {label}";

    public Task RunAsync(ActionRun run, CancellationToken cancellationToken)
    {
        runs.Add(label, run);
        return Task.CompletedTask;
    }
}
