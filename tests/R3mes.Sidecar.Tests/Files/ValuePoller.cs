namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// Reads one output file every millisecond on its own thread and sorts each read: one of the complete values the
/// test wrote, empty, or anything else (a partial or mixed value). Missing before the first render is not counted.
/// </summary>
internal sealed class ValuePoller : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);
    private readonly string _path;
    private readonly HashSet<string> _complete;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private long _reads;
    private long _empty;
    private long _partial;
    private string? _firstPartial;

    public ValuePoller(string path, IEnumerable<string> complete)
    {
        _path = path;
        _complete = new HashSet<string>(complete, StringComparer.Ordinal);
        _loop = Task.Factory.StartNew(Loop, TaskCreationOptions.LongRunning);
    }

    public long Reads => Interlocked.Read(ref _reads);

    public long Empty => Interlocked.Read(ref _empty);

    public long Partial => Interlocked.Read(ref _partial);

    public string? FirstPartial
    {
        get
        {
            lock (_gate)
            {
                return _firstPartial;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
        }

        _stop.Dispose();
    }

    /// <summary>Waits for the stop request at most <see cref="Interval"/> between reads (a timed wait, so ~1 ms, not a timer tick).</summary>
    private void Loop()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            string text;
            try
            {
                text = File.ReadAllText(_path);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            Interlocked.Increment(ref _reads);
            if (text.Length == 0)
            {
                Interlocked.Increment(ref _empty);
            }
            else if (!_complete.Contains(text))
            {
                Interlocked.Increment(ref _partial);
                lock (_gate)
                {
                    _firstPartial ??= $"{text.Length} chars starting '{text[..Math.Min(12, text.Length)]}'";
                }
            }
        }
    }
}
