using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>/metrics counts reviews by outcome, injections and denials, and observes every review's latency.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_CountWhatTheWebhookAnswered()
    {
        await using var server = await WebhookServer.StartAsync();
        var injectable = Job(A("inject", "true"), A("secret-t", "aws:r3mes/t"));
        await server.PostAsync(Review.For(injectable));
        await server.PostAsync(Review.For(injectable));
        await server.PostAsync(Review.For(Job(A("inject", "true"), A("layout", "bad"))));
        await server.PostAsync(Review.For(Job()));
        await server.PostAsync("{");

        var text = await server.Client.GetStringAsync("/metrics");

        Assert.Equal(2, Sample(text, "r3mes_injector_injections_total"));
        Assert.Equal(1, Sample(text, "r3mes_injector_denials_total"));
        Assert.Equal(2, Sample(text, "r3mes_injector_requests_total{outcome=\"injected\"}"));
        Assert.Equal(1, Sample(text, "r3mes_injector_requests_total{outcome=\"denied\"}"));
        Assert.Equal(1, Sample(text, "r3mes_injector_requests_total{outcome=\"skipped\"}"));
        Assert.Equal(1, Sample(text, "r3mes_injector_requests_total{outcome=\"malformed\"}"));
        Assert.Equal(5, Sample(text, "r3mes_injector_review_duration_seconds_count"));
        Assert.Equal(5, Sample(text, "r3mes_injector_review_duration_seconds_bucket{le=\"+Inf\"}"));
        Assert.Contains("# TYPE r3mes_injector_review_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "r3mes_injector_review_duration_seconds_sum") > 0);
    }

    private static double Sample(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no sample {series} in:\n{text}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
