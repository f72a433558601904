using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Core.Tests.Configuration;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData(" 10s ", 10_000)]
    [InlineData("0s", 0)]
    public void TryParse_Valid_Milliseconds(string text, long milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5x")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData(".s")]
    [InlineData("1.2.3s")]
    [InlineData("5S")]
    [InlineData("1h30")]
    public void TryParse_Invalid_False(string? text)
    {
        Assert.False(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(90_000, "90s")]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "90m")]
    [InlineData(172_800_000, "48h")]
    public void Format_Value_ReadableText(long milliseconds, string expected) =>
        Assert.Equal(expected, Duration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
