namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// Reads a set of output files every few milliseconds on a background task and counts every read that found a file
/// missing or empty: CONTRACT §5 says a failed fetch, a re-login or a restart never blanks or deletes a file. Gentler
/// than <see cref="Support.ContinuousReader"/> (which spins) because it runs for seconds beside other tests.
/// </summary>
internal sealed class OutputPoller : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly string[] _paths;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private long _reads;
    private long _bad;
    private string? _firstBad;

    public OutputPoller(params string[] paths)
    {
        _paths = paths;
        _loop = Task.Run(LoopAsync);
    }

    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Reads that found a file missing or empty.</summary>
    public long Bad => Interlocked.Read(ref _bad);

    public string? FirstBad
    {
        get
        {
            lock (_gate)
            {
                return _firstBad;
            }
        }
    }

    /// <summary>Stops polling; call before asserting so the counts are final.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var path in _paths)
            {
                string? problem;
                try
                {
                    problem = (await File.ReadAllBytesAsync(path)).Length == 0 ? "empty" : null;
                }
                catch (FileNotFoundException)
                {
                    problem = "missing";
                }

                Interlocked.Increment(ref _reads);
                if (problem is not null)
                {
                    Interlocked.Increment(ref _bad);
                    lock (_gate)
                    {
                        _firstBad ??= $"{Path.GetFileName(path)} {problem}";
                    }
                }
            }

            try
            {
                await Task.Delay(Interval, TimeProvider.System, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
