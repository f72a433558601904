using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// The subset of Vault's HCL policy language the emulator enforces: <c>path "…" { capabilities = ["…", …] }</c>
/// blocks and <c>#</c> comments (docs/concepts/policies). Anything else in the text is a parse error, as in Vault.
/// </summary>
internal static partial class PolicyText
{
    public static Dictionary<string, string[]>? Parse(string text)
    {
        var withoutComments = Comment().Replace(text, "");
        var rules = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rest = Block().Replace(withoutComments, match =>
        {
            var capabilities = match.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.Trim('"')).ToArray();
            rules[match.Groups[1].Value] = rules.TryGetValue(match.Groups[1].Value, out var existing) ? [.. existing, .. capabilities] : capabilities;
            return "";
        });
        return rest.Trim().Length == 0 ? rules : null;
    }

    /// <summary>Rules as HCL, for policies set through the C# API.</summary>
    public static string Format(IReadOnlyDictionary<string, string[]> rules) =>
        string.Concat(rules.Select(r => $"path \"{r.Key}\" {{ capabilities = [{string.Join(", ", r.Value.Select(c => $"\"{c}\""))}] }}\n"));

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"path\s+""([^""]+)""\s*\{\s*capabilities\s*=\s*\[([^\]]*)\]\s*\}")]
    private static partial Regex Block();
}
