using System.Net;
using Polly;
using R3mes.Sidecar.Resilience;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// Vault's pipeline (<see cref="BackendPipeline"/>): concurrency limit (default 8 in flight), retries on connection
/// errors, timeouts, 412, 429 and 5xx except 501 (never 400/403/404), per-attempt timeout.
/// </summary>
internal static class VaultResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxConcurrent, TimeSpan timeout, TimeProvider time, int retries = 3, TimeSpan? firstDelay = null) =>
        BackendPipeline.Create(maxConcurrent, timeout, time, r => IsRetryable(r.StatusCode), retries, firstDelay ?? TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests ||
        ((int)status >= 500 && status != HttpStatusCode.NotImplemented);
}
