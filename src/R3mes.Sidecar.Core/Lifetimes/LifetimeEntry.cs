namespace R3mes.Sidecar.Lifetimes;

/// <summary>
/// A lifetime scheduled on the <see cref="LifetimeEngine"/>: <see cref="Wake"/> runs it now (coalesced: a wake during
/// a run runs it once more after), <see cref="StopAsync"/> takes it off the engine and waits for a run in progress.
/// </summary>
public sealed class LifetimeEntry
{
    private readonly LifetimeEngine _engine;

    internal LifetimeEntry(LifetimeEngine engine, ILifetime lifetime, CancellationToken stopping)
    {
        _engine = engine;
        Lifetime = lifetime;
        Cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public ILifetime Lifetime { get; }

    internal CancellationTokenSource Cancellation { get; }

    internal LifetimeEntryState State { get; set; } = LifetimeEntryState.Parked;

    /// <summary>Changes whenever the entry is queued again or stopped: queue slots with an older version are stale.</summary>
    internal long Version { get; set; }

    internal bool WakeRequested { get; set; }

    /// <summary>Completes when the current run ends (a completed task while none runs).</summary>
    internal TaskCompletionSource RunDone { get; set; } = Completed();

    /// <summary>Runs the lifetime now; a wake while it runs runs it once more after the run.</summary>
    public void Wake() => _engine.Wake(this);

    /// <summary>Takes the lifetime off the engine, cancels a run in progress and waits for it to end.</summary>
    public Task StopAsync() => _engine.StopAsync(this);

    internal static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
