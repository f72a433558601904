using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Hosting;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>The SIGHUP merge on a fake clock: immediate first refresh, one merged refresh per storm, bounded delay.</summary>
public sealed class HangupCoalescerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<int> _refreshes = [];

    [Fact]
    public void Signal_Single_RefreshesAtOnceAndNothingMore()
    {
        using var coalescer = new HangupCoalescer(_refreshes.Add, _time);

        coalescer.Signal();
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([1], _refreshes);
    }

    [Fact]
    public void Signal_ThousandInASecond_FirstAtOnceThenOneMergedAfterTheStorm()
    {
        using var coalescer = new HangupCoalescer(_refreshes.Add, _time);

        for (var i = 0; i < 1000; i++)
        {
            coalescer.Signal();
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal([1], _refreshes);
        _time.Advance(HangupCoalescer.Quiet);
        Assert.Equal([1, 999], _refreshes);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 999], _refreshes);
    }

    [Fact]
    public void Signal_EndlessStorm_MergedRefreshAtLeastEveryMaxWait()
    {
        using var coalescer = new HangupCoalescer(_refreshes.Add, _time);

        for (var i = 0; i < 10_000; i++)
        {
            coalescer.Signal();
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        _time.Advance(HangupCoalescer.MaxWait);

        // 10 s of signals every millisecond: the first at once, then one merged refresh each MaxWait; none is lost.
        Assert.InRange(_refreshes.Count, 5, 7);
        Assert.Equal(10_000, _refreshes.Sum());
    }

    [Fact]
    public void Signal_AfterTheStormPassed_RefreshesAtOnceAgain()
    {
        using var coalescer = new HangupCoalescer(_refreshes.Add, _time);
        coalescer.Signal();
        coalescer.Signal();
        _time.Advance(HangupCoalescer.Quiet);
        _time.Advance(HangupCoalescer.Quiet);

        coalescer.Signal();

        Assert.Equal([1, 1, 1], _refreshes);
    }
}
