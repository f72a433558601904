using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Vault.Tests.Auth;

public sealed class LifetimeScheduleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Next_FreshLifetime_SleepsAboutSeventyPercentWithGraceBetweenTenAndTwentyPercent(int seed)
    {
        var schedule = new LifetimeSchedule(TimeSpan.FromSeconds(300), new Random(seed));
        var (sleep, exhausted) = schedule.Next(TimeSpan.FromSeconds(300));

        Assert.False(exhausted);
        Assert.InRange(schedule.CurrentGrace.TotalSeconds, 30, 60);
        Assert.Equal(200 + (schedule.CurrentGrace.TotalSeconds / 3), sleep.TotalSeconds, 3);
        Assert.InRange(sleep.TotalSeconds, 210, 220);
    }

    [Fact]
    public void Next_RenewalsStopExtending_KeepsOldGraceAndEventuallyReportsExhausted()
    {
        var schedule = new LifetimeSchedule(TimeSpan.FromSeconds(100), new Random(3));
        var grace = schedule.CurrentGrace;
        var remaining = TimeSpan.FromSeconds(100);
        var rounds = 0;
        while (!schedule.Next(remaining).Exhausted)
        {
            Assert.Equal(grace, schedule.CurrentGrace);
            remaining -= TimeSpan.FromSeconds(30);
            rounds++;
        }

        Assert.InRange(rounds, 1, 3);
        Assert.True(remaining > TimeSpan.Zero, "renewing must end while the lifetime is still positive");
    }

    [Fact]
    public void Next_LifetimeGrows_RecomputesGrace()
    {
        var schedule = new LifetimeSchedule(TimeSpan.FromSeconds(10), new Random(5));
        schedule.Next(TimeSpan.FromSeconds(10));
        schedule.Next(TimeSpan.FromSeconds(1000));

        Assert.InRange(schedule.CurrentGrace.TotalSeconds, 100, 200);
    }

    [Fact]
    public void Next_WithinGrace_IsExhaustedAtOnce()
    {
        var schedule = new LifetimeSchedule(TimeSpan.FromSeconds(100), new Random(9));
        Assert.True(schedule.Next(schedule.CurrentGrace).Exhausted);
    }
}
