using System.Text;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// Reads output files every few milliseconds on a background task for the whole fault (or outage, or restart) and
/// counts every read that was not one of the complete values the test allows for that file: missing, empty,
/// partial, mixed. The promise it checks is that a reader never sees anything but a whole, good value, whatever the
/// backend or the disk does; <see cref="NotBlank"/> checks the weaker one (never missing or empty) where the values
/// are not known in advance. Gentler than <see cref="ContinuousReader"/> (which spins): it runs for seconds beside
/// other tests.
/// </summary>
internal sealed class CompleteFilesWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(3);

    private readonly Dictionary<string, List<Func<string, bool>>> _allowed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private long _reads;
    private long _bad;
    private string? _firstBad;

    /// <param name="allowed">Each file and the values it may hold now.</param>
    public CompleteFilesWatch(IReadOnlyDictionary<string, string> allowed)
        : this(allowed.ToDictionary(a => a.Key, a => Is(a.Value), StringComparer.Ordinal))
    {
    }

    private CompleteFilesWatch(Dictionary<string, Func<string, bool>> allowed)
    {
        _allowed = allowed.ToDictionary(a => a.Key, a => new List<Func<string, bool>> { a.Value }, StringComparer.Ordinal);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Watches <paramref name="paths"/> for reads that find a file missing or empty, whatever value it holds.</summary>
    public static CompleteFilesWatch NotBlank(params string[] paths) =>
        new(paths.ToDictionary(p => p, _ => (Func<string, bool>)(_ => true), StringComparer.Ordinal));

    public long Reads => Interlocked.Read(ref _reads);

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

    /// <summary>From now on <paramref name="path"/> may also hold <paramref name="value"/> (the value after recovery).</summary>
    public void Allow(string path, string value) => Allow(path, Is(value));

    /// <summary>From now on <paramref name="path"/> may also hold any value <paramref name="complete"/> accepts (a value not known in advance).</summary>
    public void Allow(string path, Func<string, bool> complete)
    {
        lock (_gate)
        {
            _allowed[path].Add(complete);
        }
    }

    private static Func<string, bool> Is(string value) => text => string.Equals(text, value, StringComparison.Ordinal);

    /// <summary>Stops reading; call before asserting so the counts are final.</summary>
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
            KeyValuePair<string, Func<string, bool>[]>[] files;
            lock (_gate)
            {
                files = [.. _allowed.Select(a => KeyValuePair.Create(a.Key, a.Value.ToArray()))];
            }

            foreach (var (path, values) in files)
            {
                var problem = Check(path, values);
                Interlocked.Increment(ref _reads);
                if (problem is not null)
                {
                    Interlocked.Increment(ref _bad);
                    lock (_gate)
                    {
                        _firstBad ??= $"{Path.GetFileName(path)}: {problem}";
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

    private static string? Check(string path, Func<string, bool>[] values)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return "missing";
        }
        catch (IOException e)
        {
            return $"read failed ({e.GetType().Name})";
        }

        if (bytes.Length == 0)
        {
            return "empty";
        }

        var text = Encoding.UTF8.GetString(bytes);
        // Lengths only: the values are test values, but a failure message should not need them to explain itself.
        return values.Any(complete => complete(text)) ? null : $"{bytes.Length} bytes, none of the {values.Length} complete value(s)";
    }
}
