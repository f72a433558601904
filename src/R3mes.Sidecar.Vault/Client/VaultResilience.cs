using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// The one resilience pipeline for Vault requests, outermost first: a concurrency limit (default 8 in flight, the
/// rest queue), retries with jittered exponential backoff on connection errors, timeouts, 412, 429 and 5xx except
/// 501 (never 400/403/404), and a per-attempt timeout.
/// </summary>
internal static class VaultResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxConcurrent, TimeSpan timeout, TimeProvider time, int retries = 3, TimeSpan? firstDelay = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddConcurrencyLimiter(maxConcurrent, queueLimit: 100_000)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsRetryable(r.StatusCode)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(timeout)
            .Build();

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests ||
        ((int)status >= 500 && status != HttpStatusCode.NotImplemented);
}
