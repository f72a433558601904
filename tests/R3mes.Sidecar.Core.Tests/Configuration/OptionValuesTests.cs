using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Core.Tests.Configuration;

public sealed class OptionValuesTests
{
    private static readonly UnixFileMode Fallback = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData("0600", "600")]
    [InlineData("0400", "400")]
    [InlineData("0640", "640")]
    [InlineData("600", "600")]
    [InlineData("0755", "755")]
    public void Mode_Octal_Parsed(string text, string octal)
    {
        var errors = new ConfigErrors();

        Assert.Equal((UnixFileMode)Convert.ToInt32(octal, 8), OptionValues.Mode(text, "output.mode", Fallback, errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("0666")]
    [InlineData("0602")]
    [InlineData("0777")]
    [InlineData("0060")]
    [InlineData("4600")]
    [InlineData("1600")]
    public void Mode_WorldWritableOrNotOwnerReadableOrSpecialBits_Refused(string text)
    {
        var errors = new ConfigErrors();

        Assert.Equal(Fallback, OptionValues.Mode(text, "secrets[0].files.x.mode", Fallback, errors));

        var error = Assert.Single(errors.All);
        Assert.Equal("secrets[0].files.x.mode", error.Path);
        Assert.Contains($"'{text}' is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains("never world-writable", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0800")]
    [InlineData("")]
    [InlineData("rw-------")]
    public void Mode_NotOctal_SaysQuoteIt(string text)
    {
        var errors = new ConfigErrors();

        OptionValues.Mode(text, "output.mode", Fallback, errors);

        var error = Assert.Single(errors.All);
        Assert.Equal($"output.mode: '{text}' is not an octal file mode: quote it, e.g. mode: \"0600\"", error.ToString());
    }

    [Fact]
    public void Mode_Null_Fallback()
    {
        var errors = new ConfigErrors();

        Assert.Equal(Fallback, OptionValues.Mode(null, "output.mode", Fallback, errors));
        Assert.False(errors.Any);
    }

    [Fact]
    public void Duration_Invalid_ErrorWithPathValueAndHelp()
    {
        var errors = new ConfigErrors();

        var value = OptionValues.Duration("5 minutes", "secrets[0].refresh", TimeSpan.FromMinutes(5), errors);

        Assert.Equal(TimeSpan.FromMinutes(5), value);
        Assert.Equal(
            "secrets[0].refresh: '5 minutes' is not a duration: write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d",
            Assert.Single(errors.All).ToString());
    }

    [Theory]
    [InlineData("600", "0600")]
    [InlineData("40", "0040")]
    [InlineData("4755", "04755")]
    public void FormatMode_Mode_LeadingZero(string octal, string expected) =>
        Assert.Equal(expected, OptionValues.FormatMode((UnixFileMode)Convert.ToInt32(octal, 8)));
}
