namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>A cancellation that fires after a time on the injected clock or when the caller cancels, whichever first.</summary>
internal sealed class RequestDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public RequestDeadline(TimeSpan after, TimeProvider time, CancellationToken cancellationToken)
    {
        _timer = new CancellationTokenSource(after, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>Whether the time ran out (as opposed to the caller cancelling).</summary>
    public bool Expired => _timer.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
