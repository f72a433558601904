namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// Reads one output file every millisecond on its own thread and sorts each read: one of the complete values the
/// test wrote, empty, or anything else (a partial or mixed value, kept with its count). Missing before the first
/// render is not counted.
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
    private readonly Dictionary<string, int> _others = new(StringComparer.Ordinal);

    public ValuePoller(string path, IEnumerable<string> complete)
    {
        _path = path;
        _complete = new HashSet<string>(complete, StringComparer.Ordinal);
        _loop = Task.Factory.StartNew(Loop, TaskCreationOptions.LongRunning);
    }

    public long Reads => Interlocked.Read(ref _reads);

    public long Empty => Interlocked.Read(ref _empty);

    /// <summary>Every value read that was neither empty nor one of the complete values, with how often it was read.</summary>
    public IReadOnlyDictionary<string, int> Others
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_others, StringComparer.Ordinal);
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
                lock (_gate)
                {
                    _others[text] = _others.GetValueOrDefault(text) + 1;
                }
            }
        }
    }
}
