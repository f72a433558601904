using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Secrets;

/// <summary>
/// The one JSON-fields reader: a value that is not exactly one JSON object is a whole value with no fields (never
/// an error), and a member whose string is not valid text is left out (and named) without failing the others.
/// </summary>
public sealed class SecretJsonTests
{
    [Theory]
    [InlineData("{Xy7#pass")]
    [InlineData("  {not json at all}")]
    [InlineData("{\"api_key\": \"half")]
    [InlineData("{\"a\": \"b\"} trailing")]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("")]
    public void TryReadObject_NotExactlyOneJsonObject_FalseWithNoFields(string text)
    {
        var found = SecretJson.TryReadObject(SecretValue.FromUtf8(text), out var fields);

        Assert.False(found);
        Assert.Empty(fields);
    }

    [Fact]
    public void TryReadObject_Object_StringsAsTextOthersAsTheirJsonBytes()
    {
        var found = SecretJson.TryReadObject(SecretValue.FromUtf8("\n { \"priv\": \"k\\u00e9\", \"n\": 5, \"obj\": { \"a\": [1, 2] }, \"t\": true }"), out var fields);

        Assert.True(found);
        Assert.Equal("k\u00e9", fields["priv"].RevealUtf8());
        Assert.Equal("5", fields["n"].RevealUtf8());
        Assert.Equal("{ \"a\": [1, 2] }", fields["obj"].RevealUtf8());
        Assert.Equal("true", fields["t"].RevealUtf8());
    }

    [Fact]
    public void TryReadObject_LoneSurrogateInOneMember_OthersKeptThatOneNamedUnreadable()
    {
        var found = SecretJson.TryReadObject(SecretValue.FromUtf8("{\"bad\": \"\\ud800\", \"password\": \"good\"}"), out var fields);

        Assert.True(found);
        Assert.Equal(["password"], fields.Keys);
        Assert.Equal("good", fields["password"].RevealUtf8());
        Assert.Equal(["bad"], Assert.IsType<SecretFields>(fields).Unreadable);
    }

    [Fact]
    public void TryReadObject_InvalidUtf8InOneMember_OthersKeptThatOneNamedUnreadable()
    {
        byte[] bytes = [.. "{\"bad\": \""u8, 0xFF, 0xFE, .. "\", \"password\": \"good\"}"u8];

        var found = SecretJson.TryReadObject(SecretValue.FromBytes(bytes), out var fields);

        Assert.True(found);
        Assert.Equal("good", fields["password"].RevealUtf8());
        Assert.Equal(["bad"], Assert.IsType<SecretFields>(fields).Unreadable);
    }

    [Fact]
    public void TryReadObject_MemberNameNotText_ThatMemberDroppedOthersKept()
    {
        byte[] bytes = [.. "{\""u8, 0xFF, .. "\": \"x\", \"\\udc00\": \"y\", \"password\": \"good\"}"u8];

        var found = SecretJson.TryReadObject(SecretValue.FromBytes(bytes), out var fields);

        Assert.True(found);
        Assert.Equal(["password"], fields.Keys);
    }

    [Fact]
    public void TryReadObject_NestedObjectWithInvalidText_KeptByteForByte()
    {
        byte[] nested = [.. "{\"x\": \""u8, 0xFF, .. "\"}"u8];
        byte[] bytes = [.. "{\"obj\": "u8, .. nested, .. "}"u8];

        SecretJson.TryReadObject(SecretValue.FromBytes(bytes), out var fields);

        Assert.Equal(nested, fields["obj"].Reveal().ToArray());
    }

    [Fact]
    public void Fields_VaultStyleMap_SameRulesAsAValue()
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes("{\"bad\": \"\\udfff\", \"n\": 1.50}"));

        var fields = SecretJson.Fields(document.RootElement);

        Assert.Equal("1.50", fields["n"].RevealUtf8());
        Assert.Equal(["bad"], fields.Unreadable);
    }
}
