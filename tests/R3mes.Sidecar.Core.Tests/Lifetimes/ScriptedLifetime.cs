using R3mes.Sidecar.Lifetimes;

namespace R3mes.Sidecar.Core.Tests.Lifetimes;

/// <summary>
/// A lifetime that records when (on the fake clock) it ran, answers each run with <see cref="Next"/>, and can be held
/// inside a run (<see cref="Hold"/>) until released, to test what happens to wakes and stops during a run.
/// </summary>
internal sealed class ScriptedLifetime(string name, TimeProvider time, TimeSpan next) : ILifetime
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _hold;

    public string Name => name;

    public TimeSpan Next { get; set; } = next;

    public Exception? Throw { get; set; }

    public Action? OnRun { get; set; }

    public List<DateTimeOffset> Runs { get; } = [];

    public bool Cancelled { get; private set; }

    /// <summary>Completes when a held run has started.</summary>
    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Hold()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    public async ValueTask<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            Runs.Add(time.GetUtcNow());
            hold = _hold;
        }

        OnRun?.Invoke();

        if (hold is not null)
        {
            Entered.TrySetResult();
            await using var registration = cancellationToken.Register(() =>
            {
                Cancelled = true;
                hold.TrySetCanceled(cancellationToken);
            });
            await hold.Task;
        }

        return Throw is { } e ? throw e : Next;
    }

    public int RunCount
    {
        get
        {
            lock (_gate)
            {
                return Runs.Count;
            }
        }
    }
}
