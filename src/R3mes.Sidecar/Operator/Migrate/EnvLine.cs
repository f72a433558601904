using System.Text;

namespace R3mes.Sidecar.Operator.Migrate;

/// <summary>
/// One line of a Compose <c>.env</c> file: <c>[export ]KEY=VALUE</c>, the value unquoted (a <c> #</c> starts a
/// comment), in single quotes (literal) or in double quotes (<c>\"</c>, <c>\\</c>, <c>\n</c> escapes). Anything
/// else — blank lines, comments — has no key and is kept as it is.
/// </summary>
internal sealed record EnvLine(string Text, string? Key, string? Value)
{
    public static EnvLine Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.TrimStart();
        if (line.Length == 0 || line[0] == '#')
        {
            return new EnvLine(text, null, null);
        }

        if (line.StartsWith("export ", StringComparison.Ordinal))
        {
            line = line["export ".Length..].TrimStart();
        }

        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return new EnvLine(text, null, null);
        }

        var key = line[..equals].Trim();
        var raw = line[(equals + 1)..].TrimStart();
        return new EnvLine(text, key, Unquote(raw));
    }

    private static string Unquote(string raw)
    {
        if (raw.Length >= 1 && raw[0] == '\'')
        {
            var end = raw.IndexOf('\'', 1);
            return end < 0 ? raw[1..] : raw[1..end];
        }

        if (raw.Length >= 1 && raw[0] == '"')
        {
            var value = new StringBuilder();
            for (var i = 1; i < raw.Length && raw[i] != '"'; i++)
            {
                if (raw[i] == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    value.Append(raw[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var c => c });
                }
                else
                {
                    value.Append(raw[i]);
                }
            }

            return value.ToString();
        }

        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? raw : raw[..comment]).TrimEnd();
    }
}
