using System.Net;
using Polly;
using R3mes.Sidecar.Resilience;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>
/// AWS's pipeline (<see cref="BackendPipeline"/>): concurrency limit (<c>aws.max_concurrent</c>), retries on
/// connection errors, timeouts, throttling (<c>X-Amzn-ErrorType: ThrottlingException</c>, 429) and 5xx — never other
/// 4xx — and a per-attempt timeout. Each attempt passes the signing handler again, so it carries a fresh signature.
/// </summary>
internal static class AwsResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxConcurrent, TimeSpan timeout, TimeProvider time, int retries = 3, TimeSpan? firstDelay = null) =>
        BackendPipeline.Create(maxConcurrent, timeout, time, IsRetryable, retries, firstDelay ?? TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(20));

    public static bool IsRetryable(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests ||
        (response.StatusCode == HttpStatusCode.BadRequest &&
         response.Headers.TryGetValues("X-Amzn-ErrorType", out var types) &&
         types.Any(t => AwsApiException.NormalizeCode(t) is "ThrottlingException" or "Throttling" or "TooManyRequestsException"));
}
