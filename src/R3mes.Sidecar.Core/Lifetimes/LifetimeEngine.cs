using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Lifetimes;

/// <summary>
/// The one keep-alive engine (the shape of Vault's <c>LifetimeWatcher</c>, for every lifetime at once): a due-time
/// queue and ONE timer from the injected <see cref="TimeProvider"/>, armed for the earliest due entry. Due entries run
/// on the thread pool, at most <see cref="Concurrency"/> at a time; each run returns when to run next. Nothing sleeps
/// and no thread or task waits per entry, so the thread count does not grow with the number of secrets or leases.
/// An entry whose work throws is ended and reported through <see cref="Faulted"/>; the others go on.
/// </summary>
public sealed partial class LifetimeEngine : IDisposable
{
    public const int DefaultConcurrency = 32;

    /// <summary>
    /// The longest the timer is armed for: timers cannot wait past ~49.7 days (2^32-2 ms). An entry due later is
    /// simply found not due yet when the timer fires, and the timer is armed again.
    /// </summary>
    public static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(30);

    private readonly PriorityQueue<(LifetimeEntry Entry, long Version), (DateTimeOffset Due, long Order)> _queue = new();
    private readonly Lock _gate = new();
    private readonly Lock _timerGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    /// <summary>Runs that ended, and armings under way, whose timer arming has not taken effect yet (see <see cref="Idle"/>).</summary>
    private int _arming;
    private long _order;
    private int _running;
    private bool _disposed;

    public LifetimeEngine(TimeProvider time, ILogger<LifetimeEngine> logger, int concurrency = DefaultConcurrency)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        (_time, _logger, Concurrency) = (time, logger, concurrency);
        _timer = time.CreateTimer(static state => ((LifetimeEngine)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A lifetime's work threw: it will not run again. Raised on the thread that ran it.</summary>
    public event Action<ILifetime, Exception>? Faulted;

    /// <summary>How many runs may be in progress at once.</summary>
    public int Concurrency { get; }

    /// <summary>Runs in progress (for tests: 0 after a timer fired means every due run finished and was rescheduled).</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>
    /// No run in progress, none due now, and the timer armed for the next: everything due so far ran and said when it
    /// runs next (what a fake-clock test waits for after advancing the clock, instead of sleeping). The timer counts,
    /// from the moment a run ends until the timer is armed for what it queued: a clock moved in between would arm it
    /// late (read before the move) or for "at once" (read after it, one tick ahead) — on a fake clock, past the moment
    /// the test then advances to, so the entry would come due and never run.
    /// </summary>
    public bool Idle
    {
        get
        {
            lock (_gate)
            {
                DropStale();
                return _running == 0 && _arming == 0 && !(_queue.TryPeek(out _, out var key) && key.Due <= _time.GetUtcNow());
            }
        }
    }

    /// <summary>The earliest due time in the queue, or null when nothing is queued.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                DropStale();
                return _queue.TryPeek(out _, out var key) ? key.Due : null;
            }
        }
    }

    /// <summary>Puts <paramref name="lifetime"/> on the engine, first run after <paramref name="delay"/> (zero: now).</summary>
    public LifetimeEntry Schedule(ILifetime lifetime, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var entry = new LifetimeEntry(this, lifetime, _stopping.Token);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (delay == Timeout.InfiniteTimeSpan)
            {
                entry.State = LifetimeEntryState.Parked;
            }
            else
            {
                Enqueue(entry, After(_time.GetUtcNow(), delay));
            }
        }

        Pump();
        return entry;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Clear();
        }

        _stopping.Cancel();
        lock (_timerGate)
        {
            _timer.Dispose();
        }
    }

    internal void Wake(LifetimeEntry entry)
    {
        lock (_gate)
        {
            switch (entry.State)
            {
                case LifetimeEntryState.Stopped:
                    return;
                case LifetimeEntryState.Running:
                    entry.WakeRequested = true;
                    return;
                default:
                    Enqueue(entry, _time.GetUtcNow());
                    break;
            }
        }

        Pump();
    }

    internal async Task StopAsync(LifetimeEntry entry)
    {
        Task running;
        lock (_gate)
        {
            entry.State = LifetimeEntryState.Stopped;
            entry.Version++;
            running = entry.RunDone.Task;
        }

        await entry.Cancellation.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
    }

    /// <summary>Starts every due entry (within the concurrency bound), then arms the timer for the next one.</summary>
    private void Pump()
    {
        List<LifetimeEntry>? due = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_running < Concurrency && _queue.TryPeek(out var head, out var key))
            {
                if (head.Version != head.Entry.Version)
                {
                    _queue.Dequeue();
                    continue;
                }

                if (key.Due > now)
                {
                    break;
                }

                _queue.Dequeue();
                head.Entry.State = LifetimeEntryState.Running;
                head.Entry.RunDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _running++;
                (due ??= []).Add(head.Entry);
            }
        }

        foreach (var entry in due ?? [])
        {
            _ = Task.Run(() => RunAsync(entry));
        }

        Arm();
    }

    /// <summary>
    /// Arms the one timer for the earliest due entry. Serialized, and the due time is read inside, so the last
    /// arming always reflects the latest queue. An entry due now while the concurrency bound is full waits for a
    /// run to end (which pumps again), not for the timer.
    /// </summary>
    private void Arm()
    {
        lock (_timerGate)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                DropStale();
                if (!_queue.TryPeek(out _, out var key))
                {
                    wait = Timeout.InfiniteTimeSpan;
                }
                else
                {
                    wait = key.Due - _time.GetUtcNow();
                    if (wait <= TimeSpan.Zero)
                    {
                        // Due already: full (a finishing run pumps) or the clock moved since the pump (fire at once).
                        wait = _running >= Concurrency ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(1);
                    }
                    else if (wait > MaxTimerWait)
                    {
                        wait = MaxTimerWait;
                    }
                }

                _arming++;
            }

            try
            {
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
            }
            finally
            {
                lock (_gate)
                {
                    _arming--;
                }
            }
        }
    }

    private async Task RunAsync(LifetimeEntry entry)
    {
        var next = Timeout.InfiniteTimeSpan;
        Exception? fault = null;
        var token = entry.Cancellation.Token;
        try
        {
            next = await entry.Lifetime.RunAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            fault = e;
        }

        TaskCompletionSource done;
        lock (_gate)
        {
            _running--;
            _arming++;
            done = entry.RunDone;
            if (entry.State == LifetimeEntryState.Stopped || _disposed)
            {
                // Stopped while it ran: StopAsync waits for this run only.
            }
            else if (fault is not null)
            {
                entry.State = LifetimeEntryState.Stopped;
            }
            else if (entry.WakeRequested)
            {
                entry.WakeRequested = false;
                Enqueue(entry, _time.GetUtcNow());
            }
            else if (next == Timeout.InfiniteTimeSpan)
            {
                entry.State = LifetimeEntryState.Parked;
            }
            else
            {
                Enqueue(entry, After(_time.GetUtcNow(), next));
            }
        }

        if (fault is not null)
        {
            LogFaulted(_logger, entry.Lifetime.Name, fault.GetType().Name);
            Faulted?.Invoke(entry.Lifetime, fault);
        }

        done.TrySetResult();
        try
        {
            Pump();
        }
        finally
        {
            lock (_gate)
            {
                _arming--;
            }
        }
    }

    private void Enqueue(LifetimeEntry entry, DateTimeOffset due)
    {
        entry.Version++;
        entry.State = LifetimeEntryState.Queued;
        _queue.Enqueue((entry, entry.Version), (due, _order++));
    }

    private void DropStale()
    {
        while (_queue.TryPeek(out var head, out _) && head.Version != head.Entry.Version)
        {
            _queue.Dequeue();
        }
    }

    /// <summary><paramref name="now"/> + <paramref name="delay"/>, saturating (a negative delay means now).</summary>
    private static DateTimeOffset After(DateTimeOffset now, TimeSpan delay) =>
        delay <= TimeSpan.Zero ? now
        : delay >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue
        : now + delay;

    [LoggerMessage(EventId = 2700, Level = LogLevel.Debug, Message = "{Lifetime} ended with {Exception}")]
    private static partial void LogFaulted(ILogger logger, string lifetime, string exception);
}
