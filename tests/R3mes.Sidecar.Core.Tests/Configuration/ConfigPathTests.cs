using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Core.Tests.Configuration;

public sealed class ConfigPathTests
{
    [Theory]
    [InlineData("secrets:2:files:tls", "secrets[2].files.tls")]
    [InlineData("secrets:0:on_change:1", "secrets[0].on_change[1]")]
    [InlineData("output:dir", "output.dir")]
    [InlineData("output", "output")]
    [InlineData("", "")]
    [InlineData("secrets:0:files:../x", "secrets[0].files[\"../x\"]")]
    public void Display_ConfigurationPath_UserPath(string path, string expected) =>
        Assert.Equal(expected, ConfigPath.Display(path));

    [Fact]
    public void Of_Section_UserPath()
    {
        var config = YamlText.Load("secrets: [ { files: { tls: {} } } ]");

        Assert.Equal("secrets[0].files.tls", ConfigPath.Of(config.GetSection("secrets:0:files:tls")));
    }
}
