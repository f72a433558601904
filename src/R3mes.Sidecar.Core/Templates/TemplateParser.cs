using System.Text;

namespace R3mes.Sidecar.Templates;

/// <summary>Parses <c>text {{ field | filter }} text</c>. Every <c>{{</c> opens a hole; there is no escape.</summary>
internal static class TemplateParser
{
    private const string Open = "{{";
    private const string Close = "}}";

    public static IReadOnlyList<TemplatePart> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<TemplatePart>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplateText(Encoding.UTF8.GetBytes(text[position..])));
                break;
            }

            if (open > position)
            {
                parts.Add(new TemplateText(Encoding.UTF8.GetBytes(text[position..open])));
            }

            var close = text.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException($"'{{{{' at character {open + 1} is never closed with '}}}}'");
            }

            parts.Add(ParseHole(text[(open + Open.Length)..close], open + 1));
            position = close + Close.Length;
        }

        return parts;
    }

    private static TemplateHole ParseHole(string inner, int at)
    {
        var pieces = inner.Split('|', StringSplitOptions.TrimEntries);
        var field = pieces[0];
        if (!IsFieldName(field))
        {
            throw new TemplateException(field.Length == 0
                ? $"empty '{{{{ }}}}' at character {at}: name a field, e.g. {{{{ password }}}}"
                : $"'{field}' at character {at} is not a field name (letters, digits, '_', '-', '.')");
        }

        var filters = new List<TemplateFilter>();
        foreach (var name in pieces.Skip(1))
        {
            if (!TemplateFilters.ByName.TryGetValue(name, out var filter))
            {
                throw new TemplateException(
                    $"unknown filter '{name}' at character {at} (known: {string.Join(", ", TemplateFilters.ByName.Keys)})");
            }

            filters.Add(filter);
        }

        return new TemplateHole(field, filters);
    }

    private static bool IsFieldName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
