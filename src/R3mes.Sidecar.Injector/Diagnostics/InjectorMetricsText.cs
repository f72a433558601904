using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace R3mes.Sidecar.Injector.Diagnostics;

/// <summary>
/// Listens to <see cref="InjectorMetrics"/> and renders the Prometheus text format: counters as <c>…_total</c>, the
/// histogram as cumulative <c>_bucket{le}</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal sealed class InjectorMetricsText : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (string Help, SortedDictionary<string, double> Samples)> _counters = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Help, long[] Buckets, double Sum)> _histograms = new(StringComparer.Ordinal);

    /// <summary>Listens to <paramref name="metrics"/>' own meter only (several hosts may share a process, as in tests).</summary>
    public InjectorMetricsText(InjectorMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                return;
            }

            lock (_gate)
            {
                if (instrument is Histogram<double>)
                {
                    _histograms[instrument.Name] = (instrument.Description ?? "", new long[InjectorMetrics.LatencyBuckets.Length + 1], 0);
                }
                else
                {
                    _counters[instrument.Name] = (instrument.Description ?? "", new SortedDictionary<string, double>(StringComparer.Ordinal));
                }
            }

            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Count(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, _, _) => Observe(i.Name, v));
        _listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var (name, (help, samples)) in _counters)
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {name}_total {help}\n# TYPE {name}_total counter\n");
                foreach (var (labels, value) in samples)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}_total{labels} {value}\n");
                }
            }

            foreach (var (name, (help, buckets, sum)) in _histograms)
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
                long cumulative = 0;
                for (var b = 0; b < InjectorMetrics.LatencyBuckets.Length; b++)
                {
                    cumulative += buckets[b];
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{InjectorMetrics.LatencyBuckets[b]}\"}} {cumulative}\n");
                }

                cumulative += buckets[^1];
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"+Inf\"}} {cumulative}\n{name}_sum {sum.ToString("R", CultureInfo.InvariantCulture)}\n{name}_count {cumulative}\n");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Count(string name, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = tags.IsEmpty ? "" : "{" + string.Join(',', tags.ToArray().Select(t => $"{t.Key}=\"{t.Value}\"").Order(StringComparer.Ordinal)) + "}";
        lock (_gate)
        {
            if (_counters.TryGetValue(name, out var counter))
            {
                counter.Samples[labels] = counter.Samples.GetValueOrDefault(labels) + value;
            }
        }
    }

    private void Observe(string name, double value)
    {
        var bucket = Array.FindIndex(InjectorMetrics.LatencyBuckets, bound => value <= bound);
        lock (_gate)
        {
            if (_histograms.TryGetValue(name, out var histogram))
            {
                histogram.Buckets[bucket < 0 ? histogram.Buckets.Length - 1 : bucket]++;
                _histograms[name] = (histogram.Help, histogram.Buckets, histogram.Sum + value);
            }
        }
    }
}
