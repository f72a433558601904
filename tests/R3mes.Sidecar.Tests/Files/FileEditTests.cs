using System.Globalization;
using System.Text;
using R3mes.Sidecar.Tests.Support;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// "Never blank" for the file source, the way people edit <c>docker/secrets/*.txt</c>: <c>echo new &gt; file</c>
/// truncates, then writes. 1,000 such edits — every fourth written in two halves with a pause between — while a
/// 1 ms poller reads the output: not one empty or partial value, and the last value of every burst arrives.
/// The promise holds for writers that pause for less than <c>settle</c>: if this busy machine stalls the test's own
/// writer past it mid-write, that edit's first half is a value the sidecar may rightly read — it is excused (and
/// the count of such stalls is printed); any other partial value fails the test.
/// </summary>
public sealed class FileEditTests(ITestOutputHelper output)
{
    private const int Bursts = 50;
    private const int EditsPerBurst = 20;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Run_1000TruncateThenWriteEdits_OutputNeverEmptyNorPartialAndTheLastValueArrives()
    {
        using var workspace = new TempWorkspace();
        var random = new Random(9);
        var values = Enumerable.Range(0, (Bursts * EditsPerBurst) + 1)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"value-{i:D4}-{new string((char)('a' + random.Next(26)), random.Next(8, 48))}-end"))
            .ToArray();
        var source = workspace.WriteSource("redis_password.txt", values[0]);
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: redis
                source: { file: src/redis_password.txt, settle: 100ms }   # as Settle above
                files: { redis_password: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("redis_password")), Eventually.DefaultTimeout, () => run.Transcript);
        var poller = new ValuePoller(workspace.OutputFile("redis_password"), values);
        var started = TimeProvider.System.GetTimestamp();
        var excused = new HashSet<string>(StringComparer.Ordinal);

        var edit = 0;
        for (var burst = 0; burst < Bursts; burst++)
        {
            for (var i = 0; i < EditsPerBurst; i++)
            {
                edit++;
                if (edit % 4 == 0)
                {
                    var alone = await WriteInTwoHalvesAsync(source, values[edit], TimeSpan.FromMilliseconds(random.Next(1, 6)));
                    if (alone >= Settle * 0.9)
                    {
                        excused.Add(values[edit][..(values[edit].Length / 2)]);
                    }
                }
                else
                {
                    TruncateThenWrite(source, values[edit]);
                }

                if (random.Next(3) == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1, 4)), TimeProvider.System);
                }
            }

            var last = values[edit];
            await Eventually.Until(
                () => workspace.ReadOutput("redis_password") == last,
                TimeSpan.FromSeconds(10),
                () => $"burst {burst}: the last value never arrived; transcript:\n{run.Transcript}");
        }

        await poller.DisposeAsync();
        var partial = poller.Others.Where(o => !excused.Contains(o.Key)).ToArray();
        output.WriteLine($"{edit} edits in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s; {poller.Reads} reads of the output: {poller.Empty} empty, {partial.Sum(p => p.Value)} partial; {run.CountLines("wrote redis_password")} writes; {excused.Count} writer stall(s) of 0.9 settle or more mid-write, {poller.Others.Count - partial.Length} of them read");
        Assert.True(poller.Reads >= 1000, $"the poller read only {poller.Reads} times");
        Assert.True(poller.Empty == 0, $"{poller.Empty} of {poller.Reads} reads found the output empty");
        Assert.True(partial.Length == 0, $"{partial.Sum(p => p.Value)} of {poller.Reads} reads found a partial value: {string.Join(", ", partial.Select(p => $"'{p.Key}' x{p.Value}"))}");
        Assert.Equal(0, run.CountLines("wrote redis_password (0 bytes"));
        Assert.False(run.HasExited, run.Transcript);
    }

    /// <summary>What a shell's <c>echo value &gt; file</c> does: open with O_TRUNC (the file is now empty), then write.</summary>
    private static void TruncateThenWrite(string path, string value)
    {
        using var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write);
        stream.Write(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A slower writer: truncate, write the first half, pause, write the rest. Returns how long the first half stood alone.</summary>
    private static async Task<TimeSpan> WriteInTwoHalvesAsync(string path, string value, TimeSpan pause)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        await using var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await stream.FlushAsync();
        var halfWritten = TimeProvider.System.GetTimestamp();
        await Task.Delay(pause, TimeProvider.System);
        await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        return TimeProvider.System.GetElapsedTime(halfWritten);
    }
}
