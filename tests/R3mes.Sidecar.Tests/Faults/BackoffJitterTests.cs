using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), promise (c) on its own: retries back off exponentially, capped, and jittered
/// so that many sidecars failing at once do not retry in lockstep. A single cell sees two or three delays, too few
/// to tell jitter from chance; four sidecars failing the same way from the same instant show it: each follows
/// 1 s, 2 s, 4 s within ±20%, and their sequences are not all the same (with the log's tenths of a second, identical
/// jittered sequences in all four are a few in a million).
/// </summary>
public sealed class BackoffJitterTests
{
    private const int Sidecars = 4;
    private const int Delays = 3;

    [Fact]
    public async Task Backoff__independent_sidecars_retry_exponentially_capped_and_jittered_not_in_lockstep()
    {
        using var workspace = new TempWorkspace();
        // A field that never exists: every refresh fails at once, so the delays are all there is to the timing.
        workspace.WriteSource("other", "not-the-field");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
                refresh: 1s
            """);
        var runs = Enumerable.Range(0, Sidecars).Select(_ => SidecarProcess.Start(["run", "-c", config])).ToArray();
        try
        {
            await Eventually.Until(() => runs.All(r => FaultPromises.RetryDelays(r.Transcript, "app").Count >= Delays), TimeSpan.FromSeconds(30),
                () => string.Join("\n---\n", runs.Select(r => r.Transcript)));

            var sequences = runs.Select(r => FaultPromises.RetryDelays(r.Transcript, "app").Take(Delays).ToArray()).ToArray();
            foreach (var (sequence, run) in sequences.Zip(runs))
            {
                FaultPromises.AssertBackoff(sequence, Delays, run.Transcript);
            }

            var distinct = sequences.Select(s => string.Join(' ', s.Select(d => d.Seconds))).Distinct(StringComparer.Ordinal).ToArray();
            Assert.True(distinct.Length > 1, $"all {Sidecars} sidecars retried in lockstep: {distinct[0]}");
            Assert.False(File.Exists(workspace.OutputFile("jwt_secret")));
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }
    }
}
