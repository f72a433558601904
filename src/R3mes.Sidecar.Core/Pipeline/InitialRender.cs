using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Renders every secret once, retrying transient failures with backoff until the retry budget is spent. Used by
/// <c>once</c> (the exit code) and before <c>exec</c> starts its child. Returns the secrets that are still missing.
/// The budget is a deadline for the whole render, attempts included: a cancellation that fires when it is spent
/// reaches every call in flight (the backend clients' retries and per-attempt timeouts give way to it), so a
/// backend that accepts connections and never answers cannot hold an init container longer than the budget. The
/// attempts run on the <see cref="LifetimeEngine"/>, which also times the waits between them.
/// </summary>
public sealed partial class InitialRender(
    SidecarPlan plan,
    SecretRefresher refresher,
    SidecarMetrics metrics,
    LifetimeEngine engine,
    Random random,
    TimeProvider time,
    ILogger<InitialRender> logger)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(plan.RetryBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var deadline = time.GetUtcNow() + plan.RetryBudget;
        var attempts = plan.Secrets.Select(s => new InitialRenderAttempt(this, s, deadline, linked.Token, cancellationToken)).ToArray();
        var entries = attempts.Select(a => engine.Schedule(a, TimeSpan.Zero)).ToArray();
        bool[] results;
        try
        {
            results = await Task.WhenAll(attempts.Select(a => a.Outcome)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await Task.WhenAll(entries.Select(e => e.StopAsync())).ConfigureAwait(false);
        }

        return plan.Secrets.Where((s, i) => !results[i] && s.Required).Select(s => s.Name).ToArray();
    }

    internal Task RefreshAsync(SecretSpec secret, CancellationToken cancellationToken) => refresher.RefreshAsync(secret, cancellationToken);

    /// <summary>Logs the failed attempt; returns the wait before the next one, or null to give up.</summary>
    internal TimeSpan? Failed(SecretSpec secret, int attempt, Exception e, DateTimeOffset deadline)
    {
        if (e is EmptyValueException)
        {
            metrics.EmptyValuesRefused.Add(1, SidecarMetrics.Tag("secret", secret.Name));
        }

        var delay = Backoff.Delay(attempt, random);
        var giveUp = !Failure.IsTransient(e) || time.GetUtcNow() + delay > deadline;
        LogAttemptFailed(logger, secret.Name, attempt, giveUp ? "giving up" : $"retrying in {delay.TotalSeconds:0.#}s", Failure.Describe(e));
        return giveUp ? null : delay;
    }

    /// <summary>The budget ran out during an attempt (whatever the source made of the cancellation).</summary>
    internal void Spent(SecretSpec secret, int attempt, Exception e) =>
        LogAttemptFailed(logger, secret.Name, attempt, "giving up", e is OperationCanceledException
            ? $"retry_budget ({plan.RetryBudget.TotalSeconds:0.#}s) spent while waiting for an answer"
            : $"retry_budget ({plan.RetryBudget.TotalSeconds:0.#}s) spent; last error: {Failure.Describe(e)}");

    [LoggerMessage(EventId = 2020, Level = LogLevel.Error, Message = "rendering secret {Secret} failed (attempt {Attempt}, {Next}): {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string secret, int attempt, string next, string reason);
}
