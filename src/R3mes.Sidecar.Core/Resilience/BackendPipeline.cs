using Polly;

namespace R3mes.Sidecar.Resilience;

/// <summary>
/// The one shape of resilience pipeline for a secrets backend's HTTP API, outermost first: a concurrency limit (the
/// rest queue) and a per-attempt timeout. It never retries: each call is one attempt, and the caller's backoff (the
/// refresh loop, the lifetime engine, <c>once</c>/<c>exec</c>'s <c>retry_budget</c>) is the one retry layer on the
/// path, so an outage is not multiplied by stacked retries (docs/retries.md).
/// </summary>
public static class BackendPipeline
{
    /// <summary>Requests that may wait for a slot; beyond that the limiter refuses at once.</summary>
    public const int QueueLimit = 100_000;

    public static ResiliencePipeline<HttpResponseMessage> Create(int maxConcurrent, TimeSpan timeout, TimeProvider time) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddConcurrencyLimiter(maxConcurrent, QueueLimit)
            .AddTimeout(timeout)
            .Build();
}
