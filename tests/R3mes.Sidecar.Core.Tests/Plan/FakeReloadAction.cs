using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Core.Tests.Plan;

internal sealed class FakeReloadAction(string description) : IReloadAction
{
    public string Description => description;

    public Task RunAsync(ActionRun run, CancellationToken cancellationToken) => Task.CompletedTask;
}
