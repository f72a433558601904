namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// Reads one file in a tight loop on its own thread and classifies every read as exactly one of the expected
/// contents, missing, or anything else (partial, mixed). A test awaits <see cref="WaitForAsync"/> to learn that a
/// new content became visible without polling the file itself.
/// </summary>
internal sealed class ContinuousReader : IAsyncDisposable
{
    private readonly string _path;
    private readonly byte[][] _contents;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private int _expected = -1;
    private TaskCompletionSource? _seen;
    private long _reads;
    private long _missing;
    private long _other;
    private string? _firstOther;

    /// <param name="contents">The only contents a read may return.</param>
    public ContinuousReader(string path, params byte[][] contents)
    {
        _path = path;
        _contents = contents;
        _loop = Task.Factory.StartNew(Loop, TaskCreationOptions.LongRunning);
    }

    public long Reads => Interlocked.Read(ref _reads);

    public long Missing => Interlocked.Read(ref _missing);

    /// <summary>Reads that returned neither expected content: torn, partial or mixed.</summary>
    public long Other => Interlocked.Read(ref _other);

    public string? FirstOther
    {
        get
        {
            lock (_gate)
            {
                return _firstOther;
            }
        }
    }

    /// <summary>Completes when a read returns <c>contents[index]</c>.</summary>
    public Task WaitForAsync(int index, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _expected = index;
            _seen = seen;
        }

        return seen.Task.WaitAsync(timeout, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private void Torn(string description)
    {
        Interlocked.Increment(ref _other);
        lock (_gate)
        {
            _firstOther ??= description;
        }
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(_path);
            }
            catch (FileNotFoundException)
            {
                Interlocked.Increment(ref _missing);
                continue;
            }
            catch (IOException e)
            {
                // The file changed length under the read (EndOfStreamException): a torn read.
                Interlocked.Increment(ref _reads);
                Torn($"read failed: {e.GetType().Name}");
                continue;
            }

            Interlocked.Increment(ref _reads);
            var index = Array.FindIndex(_contents, c => c.AsSpan().SequenceEqual(bytes));
            if (index < 0)
            {
                Torn($"{bytes.Length} bytes, first {(bytes.Length > 0 ? (char)bytes[0] : '-')}, last {(bytes.Length > 0 ? (char)bytes[^1] : '-')}");
                continue;
            }

            lock (_gate)
            {
                if (index == _expected)
                {
                    _seen?.TrySetResult();
                }
            }
        }
    }
}
