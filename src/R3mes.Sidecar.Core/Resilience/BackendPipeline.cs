using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace R3mes.Sidecar.Resilience;

/// <summary>
/// The one shape of resilience pipeline for a secrets backend's HTTP API, outermost first: a concurrency limit (the
/// rest queue), retries with jittered exponential backoff on connection errors, timeouts and the answers the backend
/// calls retryable, and a per-attempt timeout. Vault and AWS differ only in which answers are retryable.
/// </summary>
public static class BackendPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        int maxConcurrent,
        TimeSpan timeout,
        TimeProvider time,
        Func<HttpResponseMessage, bool> retryable,
        int retries,
        TimeSpan firstDelay,
        TimeSpan maxDelay) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddConcurrencyLimiter(maxConcurrent, queueLimit: 100_000)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay,
                MaxDelay = maxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(retryable),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(timeout)
            .Build();
}
