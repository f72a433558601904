using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Templates;

/// <summary>
/// A file template over a secret's fields: literal text with <c>{{ field | filter | … }}</c> holes. Parsed once at
/// configuration time (so <c>check</c> reports bad templates), rendered to bytes on every change. Render errors
/// name fields and filters, never values (consul-template CVE-2022-38149).
/// </summary>
public sealed class SecretTemplate
{
    private readonly IReadOnlyList<TemplatePart> _parts;

    private SecretTemplate(IReadOnlyList<TemplatePart> parts)
    {
        _parts = parts;
        Fields = parts.OfType<TemplateHole>().Select(h => h.Field).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The fields the template reads, in order of first use.</summary>
    public IReadOnlyList<string> Fields { get; }

    public static SecretTemplate Parse(string text) => new(TemplateParser.Parse(text));

    public SecretValue Render(IReadOnlyDictionary<string, SecretValue> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var output = new MemoryStream();
        foreach (var part in _parts)
        {
            switch (part)
            {
                case TemplateText text:
                    output.Write(text.Utf8);
                    break;
                case TemplateHole hole:
                    if (!fields.TryGetValue(hole.Field, out var value))
                    {
                        throw new SecretFormatException(MissingField(hole.Field, fields));
                    }

                    var bytes = value.Reveal().ToArray();
                    foreach (var filter in hole.Filters)
                    {
                        bytes = TemplateFilters.Apply(filter, bytes, hole.Field);
                    }

                    output.Write(bytes);
                    break;
            }
        }

        return SecretValue.FromBytes(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    internal static string MissingField(string field, IReadOnlyDictionary<string, SecretValue> fields)
    {
        if (fields is SecretFields { Unreadable: var unreadable } && unreadable.Contains(field, StringComparer.Ordinal))
        {
            return $"field '{field}' is a JSON string that is not valid text (a lone \\u surrogate escape or bytes that are not UTF-8), so it was left out; fix the value at its source";
        }

        var names = fields.Keys.Order(StringComparer.Ordinal).ToArray();
        return $"field '{field}' is missing (the secret has: {(names.Length == 0 ? "no fields" : string.Join(", ", names))})";
    }
}
