namespace R3mes.Sidecar.Actions;

/// <summary>
/// Tells a consumer that files changed. Implementations only do the telling; debounce, retry and isolation of
/// failures live in the dispatcher. Throw on failure; the message must not carry file contents.
/// </summary>
public interface IReloadAction
{
    /// <summary>For logs and <c>check</c>, e.g. <c>signal SIGHUP to pid in /run/app/backend.pid</c>.</summary>
    string Description { get; }

    Task RunAsync(ActionRun run, CancellationToken cancellationToken);
}
