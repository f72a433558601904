using R3mes.Sidecar.Lifetimes;

namespace R3mes.Sidecar.Core.Tests.Lifetimes;

public sealed class RefreshJitterTests
{
    [Fact]
    public void Apply_LongInterval_StaysWithinTenPercentAndActuallySpreads()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 1000).Select(_ => RefreshJitter.Apply(TimeSpan.FromMinutes(5), random).TotalSeconds).ToArray();

        Assert.All(values, v => Assert.InRange(v, 270, 330));
        Assert.True(values.Max() - values.Min() > 50, "1,000 secrets must not refresh in the same second");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void Apply_ShortInterval_IsExact(int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RefreshJitter.Apply(TimeSpan.FromSeconds(seconds), new Random(1)));

    [Fact]
    public void Apply_Infinite_StaysInfinite() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, RefreshJitter.Apply(Timeout.InfiniteTimeSpan, new Random(1)));
}
