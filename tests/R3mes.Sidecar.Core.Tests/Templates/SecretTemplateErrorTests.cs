using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Core.Tests.Templates;

/// <summary>Render errors name fields and filters, never values (consul-template CVE-2022-38149).</summary>
public sealed class SecretTemplateErrorTests
{
    private const string Canary = "CANARY-7f3a9c";

    [Fact]
    public void Render_MissingField_ListsAvailableNamesWithoutValues()
    {
        var fields = Fields.Of(("username", Canary + "-user"), ("token", Canary + "-token"));

        var error = Assert.Throws<SecretFormatException>(() => SecretTemplate.Parse("{{ password }}").Render(fields));

        Assert.Equal("field 'password' is missing (the secret has: token, username)", error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingFieldAndNoFields_SaysSo()
    {
        var error = Assert.Throws<SecretFormatException>(() => SecretTemplate.Parse("{{ password }}").Render(Fields.Of()));

        Assert.Equal("field 'password' is missing (the secret has: no fields)", error.Message);
    }

    [Fact]
    public void Render_InvalidBase64_ErrorWithoutValue()
    {
        var error = Assert.Throws<SecretFormatException>(() =>
            SecretTemplate.Parse("{{ key | base64decode }}").Render(Fields.Of(("key", Canary + "!!not base64"))));

        Assert.Contains("key", error.Message, StringComparison.Ordinal);
        Assert.Contains("base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("url")]
    [InlineData("json")]
    public void Render_NonUtf8WithTextFilter_ErrorWithoutValue(string filter)
    {
        var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal)
        {
            ["password"] = SecretValue.FromBytes([.. System.Text.Encoding.ASCII.GetBytes(Canary), 0xFF, 0xFE]),
        };

        var error = Assert.Throws<SecretFormatException>(() => SecretTemplate.Parse($"{{{{ password | {filter} }}}}").Render(fields));

        Assert.Equal($"field 'password' is not UTF-8 text, so filter '{filter}' cannot apply", error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }
}
