using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class OutputFileNameTests
{
    [Theory]
    [InlineData("postgres_password")]
    [InlineData("ssl_certificate.pem")]
    [InlineData("a..b")]
    [InlineData("über-secret")]
    [InlineData("x")]
    public void Problem_PlainName_Null(string name) => Assert.Null(OutputFileName.Problem(name));

    [Fact]
    public void Problem_255Bytes_Null() => Assert.Null(OutputFileName.Problem(new string('a', 255)));

    [Fact]
    public void Problem_256Bytes_SaysLimit() =>
        Assert.Equal("a file name can be at most 255 bytes", OutputFileName.Problem(new string('a', 256)));

    [Fact]
    public void Problem_128TwoByteCharacters_SaysLimit() =>
        Assert.Equal("a file name can be at most 255 bytes", OutputFileName.Problem(new string('é', 128)));

    [Theory]
    [InlineData("../x", "'../x' contains a path separator: use a plain name such as postgres_password")]
    [InlineData("a/b", "'a/b' contains a path separator: use a plain name such as postgres_password")]
    [InlineData("a\\b", "'a\\b' contains a path separator: use a plain name such as postgres_password")]
    [InlineData(".", "'.' is not a file name")]
    [InlineData("..", "'..' is not a file name")]
    [InlineData(".hidden", "'.hidden' starts with '.', which is reserved for temporary files")]
    [InlineData("a\0b", "'a\\x00b' contains a control character")]
    [InlineData("a\nb", "'a\\x0ab' contains a control character")]
    [InlineData("", "a file name cannot be empty")]
    public void Problem_BadName_SaysWhy(string name, string expected) => Assert.Equal(expected, OutputFileName.Problem(name));

    [Fact]
    public void Problem_Null_SaysEmpty() => Assert.Equal("a file name cannot be empty", OutputFileName.Problem(null));
}
