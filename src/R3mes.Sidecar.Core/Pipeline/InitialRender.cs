using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Renders every secret once, retrying transient failures with backoff until the retry budget is spent. Used by
/// <c>once</c> (the exit code) and before <c>exec</c> starts its child. Returns the secrets that are still missing.
/// The budget is a deadline for the whole render, attempts included: a cancellation that fires when it is spent
/// reaches every call in flight (the backend clients' retries and per-attempt timeouts give way to it), so a
/// backend that accepts connections and never answers cannot hold an init container longer than the budget.
/// </summary>
public sealed partial class InitialRender(SidecarPlan plan, SecretRefresher refresher, SidecarMetrics metrics, TimeProvider time, ILogger<InitialRender> logger)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(plan.RetryBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var deadline = time.GetUtcNow() + plan.RetryBudget;
        var results = await Task.WhenAll(plan.Secrets.Select(s => RenderAsync(s, deadline, linked.Token, cancellationToken))).ConfigureAwait(false);
        return plan.Secrets.Where((s, i) => !results[i] && s.Required).Select(s => s.Name).ToArray();
    }

    private async Task<bool> RenderAsync(SecretSpec secret, DateTimeOffset deadline, CancellationToken withinBudget, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await refresher.RefreshAsync(secret, withinBudget).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (withinBudget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The budget ran out during the attempt (whatever the source made of the cancellation).
                LogAttemptFailed(logger, secret.Name, attempt, "giving up", Spent(e));
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (e is EmptyValueException)
                {
                    metrics.EmptyValuesRefused.Add(1, SidecarMetrics.Tag("secret", secret.Name));
                }

                var delay = Backoff.Delay(attempt, Random.Shared);
                var giveUp = !Failure.IsTransient(e) || time.GetUtcNow() + delay > deadline;
                LogAttemptFailed(logger, secret.Name, attempt, giveUp ? "giving up" : $"retrying in {delay.TotalSeconds:0.#}s", Failure.Describe(e));
                if (giveUp)
                {
                    return false;
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }

        string Spent(Exception e) => e is OperationCanceledException
            ? $"retry_budget ({plan.RetryBudget.TotalSeconds:0.#}s) spent while waiting for an answer"
            : $"retry_budget ({plan.RetryBudget.TotalSeconds:0.#}s) spent; last error: {Failure.Describe(e)}";
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Error, Message = "rendering secret {Secret} failed (attempt {Attempt}, {Next}): {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string secret, int attempt, string next, string reason);
}
