using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace R3mes.Sidecar.Diagnostics;

/// <summary>
/// Listens to the sidecar's meter and renders the Prometheus text format (0.0.4): counters as <c>…_total</c>,
/// observable gauges read at scrape time. Small on purpose: no exporter dependency in a NativeAOT binary.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SidecarMetrics.MeterName)
            {
                lock (_gate)
                {
                    _families[instrument.Name] = new Family(instrument.Description ?? "", instrument is ObservableGauge<double> or ObservableGauge<int> or ObservableGauge<long>);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        lock (_gate)
        {
            foreach (var family in _families.Values.Where(f => f.IsGauge))
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
                var metric = family.IsGauge ? name : name + "_total";
                text.Append("# HELP ").Append(metric).Append(' ').Append(family.Description).Append('\n');
                text.Append("# TYPE ").Append(metric).Append(family.IsGauge ? " gauge\n" : " counter\n");
                foreach (var (labels, value) in family.Samples)
                {
                    text.Append(metric).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_gate)
        {
            if (!_families.TryGetValue(instrument.Name, out var family))
            {
                return;
            }

            family.Samples[labels] = family.IsGauge ? value : family.Samples.GetValueOrDefault(labels) + value;
        }
    }

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

    private sealed record Family(string Description, bool IsGauge)
    {
        public SortedDictionary<string, double> Samples { get; } = new(StringComparer.Ordinal);
    }
}
