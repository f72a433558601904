using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using R3mes.Sidecar.Resilience;

namespace R3mes.Sidecar.Core.Tests.Resilience;

/// <summary>The backend pipeline makes one attempt per call: the caller's backoff is the one retry layer.</summary>
public sealed class BackendPipelineTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Execute_FailingStatus_OneAttemptAndTheAnswerReturned(HttpStatusCode status)
    {
        var attempts = 0;
        var pipeline = BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System);

        using var response = await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new HttpResponseMessage(status));
        });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Execute_ConnectionError_OneAttemptAndTheErrorThrown()
    {
        var attempts = 0;
        var pipeline = BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System);

        await Assert.ThrowsAsync<HttpRequestException>(async () => await pipeline.ExecuteAsync<HttpResponseMessage>(_ =>
        {
            attempts++;
            throw new HttpRequestException("connection refused");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Execute_SlowAttempt_TimesOutOnceWithoutAnotherAttempt()
    {
        var attempts = 0;
        var time = new FakeTimeProvider();
        var pipeline = BackendPipeline.Create(8, TimeSpan.FromSeconds(5), time);

        var call = pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }).AsTask();
        time.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, attempts);
    }
}
