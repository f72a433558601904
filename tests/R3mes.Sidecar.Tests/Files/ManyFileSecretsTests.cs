using System.Text;
using R3mes.Sidecar.Tests.Support;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// Hundreds of file secrets share one inotify instance and one watch thread: all render, a change is followed
/// within 2 s, and the thread count does not grow with the number of secrets (5 secrets vs 500).
/// </summary>
public sealed class ManyFileSecretsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FollowWithin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_500FileSecrets_AllRenderFollowAChangeAndThreadsDoNotGrow()
    {
        var few = await MeasureAsync(5);
        var many = await MeasureAsync(500);

        Assert.True(many.Inotify == 1 && few.Inotify == 1, $"inotify instances: {few.Inotify} for 5 secrets, {many.Inotify} for 500 (one per process expected)");
        Assert.True(
            many.Threads <= few.Threads + 8,
            $"threads: {few.Threads} with 5 file secrets, {many.Threads} with 500 — the count must not grow with the number of secrets");
    }

    private async Task<(int Threads, int Inotify)> MeasureAsync(int count)
    {
        using var workspace = new TempWorkspace();
        var yaml = new StringBuilder("output: { dir: out }\nsecrets:\n");
        for (var i = 0; i < count; i++)
        {
            // Ten directories, single-file sources: each directory is watched once however many secrets read it.
            workspace.WriteSource($"d{i % 10}/s{i}.txt", $"value-{i}-1");
            yaml.Append(FormattableString.Invariant($"  - {{ name: s{i}, source: {{ file: src/d{i % 10}/s{i}.txt }}, files: {{ s{i}: {{}} }}, refresh: 1h }}\n"));
        }

        var config = workspace.WriteConfig(yaml.ToString());
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(
            () => Enumerable.Range(0, count).All(i => File.Exists(workspace.OutputFile($"s{i}"))),
            TimeSpan.FromSeconds(60),
            () => $"{Enumerable.Range(0, count).Count(i => File.Exists(workspace.OutputFile($"s{i}")))} of {count} rendered; transcript:\n{run.Transcript}");

        // refresh: 1h, so only the watcher can bring the change this fast.
        var target = count - 1;
        var changedAt = TimeProvider.System.GetTimestamp();
        workspace.WriteSource($"d{target % 10}/s{target}.txt", $"value-{target}-2");
        await Eventually.Until(
            () => workspace.ReadOutput($"s{target}") == $"value-{target}-2",
            TimeSpan.FromSeconds(20),
            () => run.Transcript);
        var followed = TimeProvider.System.GetElapsedTime(changedAt);
        Assert.True(followed <= FollowWithin, $"with {count} secrets the change took {followed.TotalMilliseconds:0} ms to reach the output (at most {FollowWithin.TotalSeconds:0} s)");

        var measured = (ProcessThreads.Of(run.Id), ProcessThreads.InotifyInstances(run.Id));
        output.WriteLine($"{count} file secrets: {measured.Item1} threads, {measured.Item2} inotify instance(s), change followed in {followed.TotalMilliseconds:0} ms");
        Assert.False(run.HasExited, run.Transcript);
        return measured;
    }
}
