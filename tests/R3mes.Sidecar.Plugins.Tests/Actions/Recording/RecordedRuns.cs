using System.Threading.Channels;
using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Plugins.Tests.Actions.Recording;

/// <summary>The runs of every <see cref="RecordingAction"/>, in order, for a test to read.</summary>
internal sealed class RecordedRuns
{
    private readonly Channel<(string Label, ActionRun Run)> _runs = Channel.CreateUnbounded<(string, ActionRun)>();

    public void Add(string label, ActionRun run) => _runs.Writer.TryWrite((label, run));

    /// <summary>The next run, waiting for it up to <paramref name="deadline"/> (a test deadline, not a measurement).</summary>
    public async Task<(string Label, ActionRun Run)> NextAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        return await _runs.Reader.ReadAsync(timeout.Token);
    }
}
