using System.Diagnostics.Metrics;

namespace R3mes.Sidecar.Injector.Diagnostics;

/// <summary>The injector's one meter: reviews by outcome, injections, denials, and review latency.</summary>
internal sealed class InjectorMetrics : IDisposable
{
    public const string MeterName = "R3mes.Sidecar.Injector";

    /// <summary>Upper bounds (seconds) of the latency histogram's buckets; the API server waits at most 30 s.</summary>
    public static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requests;
    private readonly Counter<long> _injections;
    private readonly Counter<long> _denials;
    private readonly Histogram<double> _latency;

    public InjectorMetrics()
    {
        _requests = _meter.CreateCounter<long>("r3mes_injector_requests", description: "Admission reviews answered, by outcome (injected, unchanged, skipped, denied, malformed, error).");
        _injections = _meter.CreateCounter<long>("r3mes_injector_injections", description: "Pods that got the sidecar.");
        _denials = _meter.CreateCounter<long>("r3mes_injector_denials", description: "Pods refused because of an invalid annotation or pod.");
        _latency = _meter.CreateHistogram<double>("r3mes_injector_review_duration_seconds", unit: "s", description: "Time to answer one admission review.");
    }

    public Meter Meter => _meter;

    public void Answered(string outcome, TimeSpan elapsed)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "injected")
        {
            _injections.Add(1);
        }
        else if (outcome == "denied")
        {
            _denials.Add(1);
        }

        _latency.Record(elapsed.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
