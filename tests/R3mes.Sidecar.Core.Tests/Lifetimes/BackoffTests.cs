using R3mes.Sidecar.Lifetimes;

namespace R3mes.Sidecar.Core.Tests.Lifetimes;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    [InlineData(0, 1)]
    public void Delay_Failures_DoublesWithin20PercentUpTo5Minutes(int failures, double seconds)
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var delay = Backoff.Delay(failures, random).TotalSeconds;

            Assert.InRange(delay, seconds * 0.8, seconds * 1.2);
        }
    }

    [Fact]
    public void Delay_SameFailureCount_Jittered()
    {
        var random = new Random(7);

        Assert.True(Enumerable.Range(0, 50).Select(_ => Backoff.Delay(3, random)).Distinct().Count() > 40);
    }
}
