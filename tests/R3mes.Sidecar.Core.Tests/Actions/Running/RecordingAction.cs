using System.Collections.Concurrent;
using System.Threading.Channels;

namespace R3mes.Sidecar.Actions.Running;

/// <summary>An action that records every run and fails its first <c>failures</c> attempts of each run.</summary>
internal sealed class RecordingAction(int failures = 0) : IReloadAction
{
    private readonly Channel<ActionRun> _runs = Channel.CreateUnbounded<ActionRun>();

    public ConcurrentQueue<ActionRun> Runs { get; } = new();

    public string Description => "recording";

    public Task RunAsync(ActionRun run, CancellationToken cancellationToken)
    {
        Runs.Enqueue(run);
        _runs.Writer.TryWrite(run);
        return run.Attempt <= failures ? throw new ActionFailedException($"attempt {run.Attempt} fails") : Task.CompletedTask;
    }

    /// <summary>The next attempt, waiting for it (a test deadline, not a measurement).</summary>
    public async Task<ActionRun> NextAsync()
    {
        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        return await _runs.Reader.ReadAsync(deadline.Token);
    }
}
