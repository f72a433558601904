using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace R3mes.Sidecar.Diagnostics;

/// <summary>
/// Listens to one meter and renders the Prometheus text format (0.0.4): counters as <c>…_total</c>, observable
/// gauges read at scrape time, histograms as cumulative <c>_bucket{le}</c>, <c>_sum</c> and <c>_count</c>. Small on
/// purpose: no exporter dependency in a NativeAOT binary. The sidecar and the injector both use it.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly double[] _buckets;

    /// <summary>The sidecar's meter (<see cref="SidecarMetrics.MeterName"/>).</summary>
    public PrometheusExporter()
        : this(meter => meter.Name == SidecarMetrics.MeterName, [])
    {
    }

    /// <summary>
    /// Only <paramref name="meter"/> itself (several hosts may share a process, as in tests), its histograms in
    /// <paramref name="histogramBuckets"/> (upper bounds, ascending; <c>+Inf</c> is added).
    /// </summary>
    public PrometheusExporter(Meter meter, IReadOnlyList<double> histogramBuckets)
        : this(m => ReferenceEquals(m, meter), histogramBuckets)
    {
        ArgumentNullException.ThrowIfNull(meter);
    }

    private PrometheusExporter(Func<Meter, bool> include, IReadOnlyList<double> histogramBuckets)
    {
        _buckets = [.. histogramBuckets];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!include(instrument.Meter))
            {
                return;
            }

            var kind = instrument switch
            {
                ObservableGauge<double> or ObservableGauge<int> or ObservableGauge<long> => Kind.Gauge,
                Histogram<double> or Histogram<long> or Histogram<int> => Kind.Histogram,
                _ => Kind.Counter,
            };
            lock (_gate)
            {
                _families[instrument.Name] = new Family(instrument.Description ?? "", kind);
            }

            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    public string Render()
    {
        lock (_gate)
        {
            foreach (var family in _families.Values.Where(f => f.Kind == Kind.Gauge))
            {
                family.Samples.Clear();
            }
        }

        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var (name, family) in _families)
            {
                var metric = family.Kind == Kind.Counter ? name + "_total" : name;
                var type = family.Kind switch { Kind.Gauge => "gauge", Kind.Histogram => "histogram", _ => "counter" };
                text.Append("# HELP ").Append(metric).Append(' ').Append(family.Description).Append('\n');
                text.Append("# TYPE ").Append(metric).Append(' ').Append(type).Append('\n');
                if (family.Kind == Kind.Histogram)
                {
                    RenderHistogram(text, metric, family);
                    continue;
                }

                foreach (var (labels, value) in family.Samples)
                {
                    text.Append(metric).Append(labels).Append(' ').Append(Number(value)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void RenderHistogram(StringBuilder text, string metric, Family family)
    {
        foreach (var (labels, series) in family.Series)
        {
            long cumulative = 0;
            for (var b = 0; b <= _buckets.Length; b++)
            {
                cumulative += series.Buckets[b];
                var le = b < _buckets.Length ? Number(_buckets[b]) : "+Inf";
                text.Append(metric).Append("_bucket").Append(WithLabel(labels, "le", le)).Append(' ').Append(cumulative).Append('\n');
            }

            text.Append(metric).Append("_sum").Append(labels).Append(' ').Append(Number(series.Sum)).Append('\n');
            text.Append(metric).Append("_count").Append(labels).Append(' ').Append(cumulative).Append('\n');
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_gate)
        {
            if (!_families.TryGetValue(instrument.Name, out var family))
            {
                return;
            }

            switch (family.Kind)
            {
                case Kind.Histogram:
                    if (!family.Series.TryGetValue(labels, out var series))
                    {
                        family.Series[labels] = series = new Series(new long[_buckets.Length + 1]);
                    }

                    var bucket = Array.FindIndex(_buckets, bound => value <= bound);
                    series.Buckets[bucket < 0 ? _buckets.Length : bucket]++;
                    series.Sum += value;
                    break;
                case Kind.Gauge:
                    family.Samples[labels] = value;
                    break;
                default:
                    family.Samples[labels] = family.Samples.GetValueOrDefault(labels) + value;
                    break;
            }
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string WithLabel(string labels, string key, string value) =>
        labels.Length == 0 ? $"{{{key}=\"{value}\"}}" : $"{labels[..^1]},{key}=\"{value}\"}}";

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var parts = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var escaped = (value?.ToString() ?? "").Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            parts.Add($"{key}=\"{escaped}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', parts) + "}";
    }

    private sealed record Family(string Description, Kind Kind)
    {
        public SortedDictionary<string, double> Samples { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Series(long[] buckets)
    {
        public long[] Buckets { get; } = buckets;

        public double Sum { get; set; }
    }
}
