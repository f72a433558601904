namespace R3mes.Sidecar.Tests.Soak;

/// <summary>
/// One measure over a soak's samples: its range, its least-squares slope per hour, and the mean of its first and last
/// window (five minutes, or a quarter of a shorter run) — growth shows as a positive slope and a last window above the first.
/// </summary>
internal sealed record SampleSeries(double Min, double Max, double SlopePerHour, TimeSpan Window, double FirstWindow, double LastWindow)
{
    private static readonly TimeSpan LongWindow = TimeSpan.FromMinutes(5);

    public static SampleSeries Of(IReadOnlyList<ProcessSample> samples, Func<ProcessSample, double> value)
    {
        if (samples.Count == 0)
        {
            return new SampleSeries(0, 0, 0, TimeSpan.Zero, 0, 0);
        }

        var span = samples[^1].At - samples[0].At;
        var window = span >= LongWindow * 2 ? LongWindow : span / 4;
        var first = samples.Where(s => s.At <= samples[0].At + window).Select(value).Average();
        var last = samples.Where(s => s.At >= samples[^1].At - window).Select(value).Average();
        return new SampleSeries(samples.Min(value), samples.Max(value), Slope(samples, value) * 3600, window, first, last);
    }

    /// <summary>Least-squares slope of <paramref name="value"/> against time in seconds (0 for fewer than two samples).</summary>
    private static double Slope(IReadOnlyList<ProcessSample> samples, Func<ProcessSample, double> value)
    {
        var meanT = samples.Average(s => s.At.TotalSeconds);
        var meanV = samples.Average(value);
        var covariance = samples.Sum(s => (s.At.TotalSeconds - meanT) * (value(s) - meanV));
        var variance = samples.Sum(s => Math.Pow(s.At.TotalSeconds - meanT, 2));
        return variance == 0 ? 0 : covariance / variance;
    }
}
