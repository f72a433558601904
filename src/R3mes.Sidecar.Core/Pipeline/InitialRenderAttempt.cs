using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// One secret's first render on the engine: each run is one attempt; a transient failure asks to run again after
/// the backoff, while that still ends before the deadline. <see cref="Outcome"/> is whether it was rendered.
/// </summary>
internal sealed class InitialRenderAttempt(
    InitialRender render,
    SecretSpec secret,
    DateTimeOffset deadline,
    CancellationToken withinBudget,
    CancellationToken cancellationToken) : ILifetime
{
    private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempt;

    public string Name => $"the first render of secret '{secret.Name}'";

    public Task<bool> Outcome => _outcome.Task;

    public async ValueTask<TimeSpan> RunAsync(CancellationToken stopping)
    {
        if (_outcome.Task.IsCompleted)
        {
            return Timeout.InfiniteTimeSpan;
        }

        _attempt++;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(withinBudget, stopping);
        try
        {
            await render.RefreshAsync(secret, attempt.Token).ConfigureAwait(false);
            _outcome.TrySetResult(true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            _outcome.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : stopping);
        }
        catch (Exception e) when (withinBudget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            render.Spent(secret, _attempt, e);
            _outcome.TrySetResult(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (render.Failed(secret, _attempt, e, deadline) is { } delay)
            {
                return delay;
            }

            _outcome.TrySetResult(false);
        }

        return Timeout.InfiniteTimeSpan;
    }
}
