using System.IO.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Sources.Files;

/// <summary>
/// The settle period on a fake clock: a changed file is read only after it kept still for <c>settle</c>, so the
/// empty file between truncate and write, or the first half of a write, is never what the source returns.
/// Contents differ in length so every state has its own size (a signature the source can tell apart). Before
/// each advance the test waits until the source sleeps on its next delay (one timer per settle period).
/// </summary>
public sealed class FileSourceSettleTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly TimerCountingTimeProvider _time = new();
    private readonly DirectoryWatcher _watcher;
    private readonly FileSource _source;

    public FileSourceSettleTests()
    {
        _watcher = new DirectoryWatcher(_time, NullLogger<DirectoryWatcher>.Instance);
        File.WriteAllText(Secret, "first-value");
        _source = new FileSource(new FileSystem(), Secret, _watcher, _time, Settle);
    }

    private string Secret => _dir.File("redis_password.txt");

    public void Dispose()
    {
        _watcher.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task FetchAsync_FirstRead_DoesNotWait()
    {
        var first = _source.FetchAsync(CancellationToken.None);

        Assert.True(first.IsCompleted, "the first read at start must not wait for a settle period");
        Assert.Equal("first-value", (await first).Raw!.RevealUtf8());
        Assert.Equal(0, _time.Timers);
    }

    [Fact]
    public async Task FetchAsync_TruncatedThenWritten_ReturnsOnlyTheWrittenValueAfterSettling()
    {
        await _source.FetchAsync(CancellationToken.None);

        File.WriteAllText(Secret, "");
        var fetch = _source.FetchAsync(CancellationToken.None).AsTask();
        await _time.WaitForTimersAsync(1);
        _time.Advance(Settle / 2);
        File.WriteAllText(Secret, "second");
        _time.Advance(Settle / 2);

        await _time.WaitForTimersAsync(2);
        Assert.False(fetch.IsCompleted, "the file changed during the settle period: it must settle again before it is read");
        _time.Advance(Settle);
        var data = await fetch.WaitAsync(Wait);
        Assert.Equal("second", data.Raw!.RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_Changed_NotReadBeforeSettlePeriod()
    {
        await _source.FetchAsync(CancellationToken.None);

        File.WriteAllText(Secret, "second-value-x");
        var fetch = _source.FetchAsync(CancellationToken.None).AsTask();
        await _time.WaitForTimersAsync(1);
        _time.Advance(Settle - TimeSpan.FromMilliseconds(1));

        Assert.False(fetch.IsCompleted, "a change must not be read before it kept still for settle");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("second-value-x", (await fetch.WaitAsync(Wait)).Raw!.RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_WrittenInTwoHalvesWithAPause_NeverReturnsTheFirstHalf()
    {
        await _source.FetchAsync(CancellationToken.None);

        File.WriteAllText(Secret, "half-");
        var fetch = _source.FetchAsync(CancellationToken.None).AsTask();
        await _time.WaitForTimersAsync(1);
        _time.Advance(Settle - TimeSpan.FromMilliseconds(50));
        File.AppendAllText(Secret, "and-the-rest");
        _time.Advance(TimeSpan.FromMilliseconds(50));

        await _time.WaitForTimersAsync(2);
        Assert.False(fetch.IsCompleted);
        _time.Advance(Settle);
        Assert.Equal("half-and-the-rest", (await fetch.WaitAsync(Wait)).Raw!.RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_FileThatNeverKeepsStill_ReadAfterMaxSettlePeriods()
    {
        await _source.FetchAsync(CancellationToken.None);

        var value = "v";
        File.WriteAllText(Secret, value);
        var fetch = _source.FetchAsync(CancellationToken.None).AsTask();
        for (var period = 1; period < FileSource.MaxSettlePeriods; period++)
        {
            await _time.WaitForTimersAsync(period);
            value += "v";
            File.WriteAllText(Secret, value);
            _time.Advance(Settle);
            await _time.WaitForTimersAsync(period + 1);
            Assert.False(fetch.IsCompleted, $"still changing after {period} period(s)");
        }

        _time.Advance(Settle);
        Assert.Equal(value, (await fetch.WaitAsync(Wait)).Raw!.RevealUtf8());
        Assert.Equal(FileSource.MaxSettlePeriods, _time.Timers);
    }

    [Fact]
    public async Task FetchAsync_Unchanged_ReturnsTheSameDataWithoutWaiting()
    {
        var first = await _source.FetchAsync(CancellationToken.None);

        var again = _source.FetchAsync(CancellationToken.None);

        Assert.True(again.IsCompleted);
        Assert.Same(first, await again);
        Assert.Equal(0, _time.Timers);
    }

    [Fact]
    public async Task FetchAsync_CancelledWhileSettling_Throws()
    {
        await _source.FetchAsync(CancellationToken.None);
        File.WriteAllText(Secret, "second");
        using var cancel = new CancellationTokenSource();

        var fetch = _source.FetchAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }
}
