using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>
/// The one resilience pipeline for AWS requests, outermost first: a concurrency limit (<c>aws.max_concurrent</c>),
/// retries with jittered exponential backoff on connection errors,
/// timeouts, throttling (<c>X-Amzn-ErrorType: ThrottlingException</c>, 429) and 5xx — never on other 4xx — and a
/// per-attempt timeout. Each attempt goes through the signing handler again, so it carries a fresh signature.
/// </summary>
internal static class AwsResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxConcurrent, TimeSpan timeout, TimeProvider time, int retries = 3, TimeSpan? firstDelay = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddConcurrencyLimiter(maxConcurrent, queueLimit: 100_000)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(300),
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsRetryable),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(timeout)
            .Build();

    public static bool IsRetryable(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests ||
        (response.StatusCode == HttpStatusCode.BadRequest &&
         response.Headers.TryGetValues("X-Amzn-ErrorType", out var types) &&
         types.Any(t => AwsApiException.NormalizeCode(t) is "ThrottlingException" or "Throttling" or "TooManyRequestsException"));
}
