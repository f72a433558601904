namespace R3mes.Sidecar.Hosting;

/// <summary>
/// Merges a storm of SIGHUPs. The first signal refreshes at once; signals that arrive while that refresh is recent
/// (within <see cref="Quiet"/> of the previous signal) are merged into one more refresh, run when the signals have
/// stopped for <see cref="Quiet"/> (or at the latest <see cref="MaxWait"/> after the first merged one), so a change
/// made before any of them is still read. 1,000 signals in a second cost each secret two refreshes, not 1,000.
/// <para>
/// Not a second copy of <c>LifetimeEntry.Wake</c>'s coalescing: that one merges a wake with a run <em>in progress</em>
/// only, and a refresh is over in a millisecond, so signals a few milliseconds apart each start a new one. Measured
/// without this class (the engine alone, <c>SighupStormTests</c>: 1,000 signals in ten bursts over a second), the
/// three file secrets were read 38 times — about 13 refreshes each, against the promise of at most two
/// (docs/security-model.md). Merging over time (a quiet period) is what keeps the promise, so both stay.
/// </para>
/// </summary>
internal sealed class HangupCoalescer : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly Action<int> _refresh;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private bool _cooling;
    private int _merged;
    private DateTimeOffset _firstMerged;

    /// <param name="refresh">Refreshes every secret; its argument is how many signals the refresh answers.</param>
    public HangupCoalescer(Action<int> refresh, TimeProvider time)
    {
        (_refresh, _time) = (refresh, time);
        _timer = time.CreateTimer(_ => Elapsed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Signal()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_cooling)
            {
                _cooling = true;
                _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _firstMerged = _merged == 0 ? now : _firstMerged;
                _merged++;
                var due = _firstMerged + MaxWait - now;
                _timer.Change(due < Quiet ? (due < TimeSpan.Zero ? TimeSpan.Zero : due) : Quiet, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        _refresh(1);
    }

    public void Dispose() => _timer.Dispose();

    private void Elapsed()
    {
        int merged;
        lock (_gate)
        {
            merged = _merged;
            _merged = 0;
            if (merged == 0)
            {
                _cooling = false;
                return;
            }

            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }

        _refresh(merged);
    }
}
