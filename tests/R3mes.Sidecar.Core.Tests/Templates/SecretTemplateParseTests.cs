using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Core.Tests.Templates;

public sealed class SecretTemplateParseTests
{
    [Fact]
    public void Parse_UnclosedHole_NamesPosition()
    {
        var error = Assert.Throws<TemplateException>(() => SecretTemplate.Parse("user: {{ username }} pass: {{ password"));

        Assert.Equal("'{{' at character 28 is never closed with '}}'", error.Message);
    }

    [Fact]
    public void Parse_EmptyHole_NamesPositionAndExample()
    {
        var error = Assert.Throws<TemplateException>(() => SecretTemplate.Parse("abc{{ }}"));

        Assert.Equal("empty '{{ }}' at character 4: name a field, e.g. {{ password }}", error.Message);
    }

    [Fact]
    public void Parse_UnknownFilter_NamesFilterPositionAndKnownFilters()
    {
        var error = Assert.Throws<TemplateException>(() => SecretTemplate.Parse("x{{ password | upper }}"));

        Assert.Equal("unknown filter 'upper' at character 2 (known: url, base64, base64decode, json, trim)", error.Message);
    }

    [Fact]
    public void Parse_EmptyFilter_Refused() =>
        Assert.Throws<TemplateException>(() => SecretTemplate.Parse("{{ password | }}"));

    [Fact]
    public void Parse_FieldWithSpace_NotAFieldName()
    {
        var error = Assert.Throws<TemplateException>(() => SecretTemplate.Parse("{{ pass word }}"));

        Assert.Equal("'pass word' at character 1 is not a field name (letters, digits, '_', '-', '.')", error.Message);
    }

    [Fact]
    public void Parse_FieldsWithDotsAndDashes_Listed() =>
        Assert.Equal(["tls.crt", "ca-bundle", "a_b"], SecretTemplate.Parse("{{tls.crt}}{{ ca-bundle | trim }}{{a_b}}{{tls.crt}}").Fields);
}
