using R3mes.Sidecar.Tests.Support;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Output;

/// <summary>
/// CONTRACT §5 through the real binary: while the source flips between two contents, a reader that never stops sees
/// one or the other, whole, every time — never a missing file, never a partial or mixed one.
/// </summary>
public sealed class AtomicityTests(ITestOutputHelper output)
{
    private const int MaxChanges = 1000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Run_WhileTheSourceAlternates_EveryReadSeesOneWholeContent()
    {
        byte[] a = [.. Enumerable.Repeat((byte)'a', 64 * 1024)];
        byte[] b = [.. Enumerable.Repeat((byte)'b', 100 * 1024)];
        using var workspace = new TempWorkspace();
        workspace.WriteSource("blob", a);
        var config = workspace.WriteConfig("""
            output: { dir: out }
            log: { level: warning }
            secrets:
              - name: blob
                source: { file: src/blob, settle: 10ms }   # the test writes its source atomically: no need to wait 200 ms per change
                files: { blob: {} }
                refresh: 1s
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        var target = workspace.OutputFile("blob");
        await Eventually.Until(() => File.Exists(target), Eventually.DefaultTimeout, () => run.Transcript);

        await using var reader = new ContinuousReader(target, a, b);
        await reader.WaitForAsync(0, ChangeTimeout);
        var started = TimeProvider.System.GetTimestamp();
        var changes = 0;
        while (changes < MaxChanges && TimeProvider.System.GetElapsedTime(started) < Budget)
        {
            var next = changes % 2 == 0 ? 1 : 0;
            workspace.WriteSource("blob", next == 0 ? a : b);
            try
            {
                await reader.WaitForAsync(next, ChangeTimeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"change {changes + 1} did not reach the output within {ChangeTimeout.TotalSeconds}s; transcript:\n{run.Transcript}");
            }

            changes++;
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        output.WriteLine($"atomicity: {changes} changes in {elapsed.TotalSeconds:0.0}s ({elapsed.TotalMilliseconds / Math.Max(1, changes):0.0} ms each), {reader.Reads} reads, {reader.Missing} missing, {reader.Other} partial or mixed");
        Assert.True(reader.Missing == 0, $"{reader.Missing} of {reader.Reads + reader.Missing} reads found no file");
        Assert.True(reader.Other == 0, $"{reader.Other} of {reader.Reads} reads were neither content, the first: {reader.FirstOther}");
        Assert.True(changes >= 100, $"only {changes} changes in {elapsed.TotalSeconds:0.0}s: too few to say anything about atomicity");
        Assert.False(run.HasExited, run.Transcript);
    }
}
