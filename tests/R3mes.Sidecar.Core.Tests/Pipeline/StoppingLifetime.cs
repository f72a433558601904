using Microsoft.Extensions.Hosting;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>A host lifetime that records <see cref="StopApplication"/>.</summary>
internal sealed class StoppingLifetime : IHostApplicationLifetime
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public Task Stopped => _stopped.Task;

    public void StopApplication() => _stopped.TrySetResult();
}
