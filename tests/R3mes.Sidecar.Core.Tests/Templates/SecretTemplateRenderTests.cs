using System.Text.Json;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Core.Tests.Templates;

public sealed class SecretTemplateRenderTests
{
    [Fact]
    public void Render_LiteralAndHoles_ExactBytes()
    {
        var template = SecretTemplate.Parse("user={{ username }}\npass={{password}}\n{{ username }}");

        var rendered = template.Render(Fields.Of(("username", "backend"), ("password", "s3cr3t")));

        Assert.Equal("user=backend\npass=s3cr3t\nbackend", rendered.RevealUtf8());
        Assert.Equal(["username", "password"], template.Fields);
    }

    [Fact]
    public void Render_OnlyLiteral_ExactBytes() =>
        Assert.Equal("no holes } { here", SecretTemplate.Parse("no holes } { here").Render(Fields.Of()).RevealUtf8());

    [Fact]
    public void Render_BinaryField_BytesPassedThrough()
    {
        var bytes = new byte[] { 0, 0xFF, 0x80, (byte)'\n' };
        var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["key"] = SecretValue.FromBytes(bytes) };

        var rendered = SecretTemplate.Parse("<{{ key }}>").Render(fields);

        Assert.Equal([(byte)'<', .. bytes, (byte)'>'], rendered.Reveal().ToArray());
    }

    [Fact]
    public void Render_UrlFilter_PercentEncodesEverythingButUnreserved()
    {
        var rendered = SecretTemplate.Parse("postgresql://{{ user | url }}:{{ password | url }}@db/r3mes")
            .Render(Fields.Of(("user", "back end"), ("password", "p@ss:w/rd?#%&= ü~-._")));

        Assert.Equal("postgresql://back%20end:p%40ss%3Aw%2Frd%3F%23%25%26%3D%20%C3%BC~-._@db/r3mes", rendered.RevealUtf8());
    }

    [Fact]
    public void Render_Base64Filter_StandardEncoding() =>
        Assert.Equal("aGk/Pz4+", SecretTemplate.Parse("{{ v | base64 }}").Render(Fields.Of(("v", "hi??>>"))).RevealUtf8());

    [Fact]
    public void Render_Base64DecodeFilter_DecodedBytes()
    {
        var fields = Fields.Of(("v", " AP+AChA=\n"));

        var rendered = SecretTemplate.Parse("{{ v | base64decode }}").Render(fields);

        Assert.Equal(new byte[] { 0x00, 0xFF, 0x80, 0x0A, 0x10 }, rendered.Reveal().ToArray());
    }

    [Fact]
    public void Render_JsonFilter_EscapesQuotesBackslashAndControls()
    {
        var rendered = SecretTemplate.Parse("{{ v | json }}").Render(Fields.Of(("v", "a\"b\\c\nd\te\u0001f")));

        Assert.Equal("a\\\"b\\\\c\\nd\\te\\u0001f", rendered.RevealUtf8());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash /")]
    [InlineData("newline\n return\r tab\t nul\0 bell\u0007 del\u007f")]
    [InlineData("unicode ü € 😀 and html <script>&'")]
    public void Render_JsonFilterInsideJsonString_ParsesBackToTheValue(string value)
    {
        var rendered = SecretTemplate.Parse("{\"password\": \"{{ v | json }}\"}").Render(Fields.Of(("v", value)));

        using var document = JsonDocument.Parse(rendered.Reveal().ToArray());
        Assert.Equal(value, document.RootElement.GetProperty("password").GetString());
    }

    [Fact]
    public void Render_TrimFilter_RemovesSurroundingWhitespaceOnly() =>
        Assert.Equal("a b", SecretTemplate.Parse("{{ v | trim }}").Render(Fields.Of(("v", " \t\r\na b\n\n"))).RevealUtf8());

    [Fact]
    public void Render_ChainedFilters_AppliedLeftToRight()
    {
        var fields = Fields.Of(("v", " cEA6Lw== \n"));

        Assert.Equal("p%40%3A%2F", SecretTemplate.Parse("{{ v | trim | base64decode | url }}").Render(fields).RevealUtf8());
        Assert.Equal("XCJcIg==", SecretTemplate.Parse("{{q|json|base64}}").Render(Fields.Of(("q", "\"\""))).RevealUtf8());
    }
}
