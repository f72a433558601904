using System.Text;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// Template parse then render over fields whose values carry the canary (some not UTF-8, some not base64): a bad
/// template is a <see cref="TemplateException"/> (it may quote the template: configuration), a render failure a
/// <see cref="SecretFormatException"/> that names fields and filters, never a value.
/// </summary>
internal sealed class TemplateTarget : IFuzzTarget
{
    private static readonly Dictionary<string, SecretValue> Fields = new(StringComparer.Ordinal)
    {
        ["password"] = SecretValue.FromUtf8($"p@ss/{Canary.Value}?&=#%"),
        ["user"] = SecretValue.FromUtf8($"app-{Canary.Value}"),
        ["value"] = SecretValue.FromUtf8($"{{\"k\":\"{Canary.Value}\"}}"),
        ["binary"] = SecretValue.FromBytes([.. Canary.Utf8, 0xff, 0xfe, 0xc3, 0x28, 0x00]),
        ["b64"] = SecretValue.FromUtf8(Convert.ToBase64String(Canary.Utf8)),
        ["notb64"] = SecretValue.FromUtf8($"{Canary.Value}!!"),
        ["empty"] = SecretValue.FromBytes([]),
        ["with.dot"] = SecretValue.FromUtf8($" {Canary.Value}\n"),
    };

    public string Name => "templates";

    public IReadOnlyList<byte[]> Seeds { get; } = Utf8Input.All(
        "postgresql://{{ user | url }}:{{ password | url }}@postgres:5432/r3mes",
        "{{ value }}", "{{ b64 | base64decode }}", "{\"p\": \"{{ password | json }}\"}", "{{ with.dot | trim | base64 }}",
        "plain text, no holes", "{{ binary | base64 }}", "{{ notb64 | base64decode }}", "{{ binary | url }}", "{{ missing }}",
        "{{ binary | json }}", "{{empty}}x{{ user|trim|url|json|base64|base64decode }}");

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "{{", "}}", "|", " | url", " | base64", " | base64decode", " | json", " | trim", "password", "binary", "notb64", "{", "}", "{{{", "}}}");

    public bool MessagesMayQuoteInput => false;

    public FuzzOutcome Run(byte[] input)
    {
        var text = Utf8Input.Text(input);
        SecretTemplate template;
        try
        {
            template = SecretTemplate.Parse(text);
        }
        catch (TemplateException)
        {
            // Parse errors quote the template (configuration, not a value): no canary check applies to them,
            // and the template text itself never holds one.
            return FuzzOutcome.Refused;
        }

        Assert.All(template.Fields, f => Assert.Matches("^[A-Za-z0-9_.-]+$", f));
        var first = template.Render(Fields).Reveal().ToArray();
        Assert.Equal(first, template.Render(Fields).Reveal().ToArray());
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            Assert.Equal(Encoding.UTF8.GetBytes(text), first);
        }

        return FuzzOutcome.Accepted;
    }

    public bool IsRefusal(Exception error) => error is SecretFormatException;
}
