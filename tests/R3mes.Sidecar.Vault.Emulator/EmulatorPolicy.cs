namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// A simple ACL policy: path patterns (exact, trailing <c>*</c> prefix glob, <c>+</c> for one segment) with
/// capabilities <c>read</c>, <c>create</c>, <c>update</c>, <c>delete</c>, <c>list</c>.
/// </summary>
public sealed class EmulatorPolicy(IReadOnlyDictionary<string, string[]> rules)
{
    public IReadOnlyDictionary<string, string[]> Rules => rules;

    public bool Allows(string path, string capability) =>
        rules.Any(rule => Matches(rule.Key, path) && rule.Value.Contains(capability, StringComparer.Ordinal));

    private static bool Matches(string pattern, string path)
    {
        var glob = pattern.EndsWith('*');
        var patternParts = (glob ? pattern[..^1] : pattern).Split('/');
        var pathParts = path.Split('/');
        if (!glob && patternParts.Length != pathParts.Length)
        {
            return false;
        }

        for (var i = 0; i < patternParts.Length; i++)
        {
            var last = i == patternParts.Length - 1;
            if (i >= pathParts.Length)
            {
                return glob && last && patternParts[i].Length == 0;
            }

            var ok = patternParts[i] == "+" || (glob && last
                ? pathParts[i].StartsWith(patternParts[i], StringComparison.Ordinal)
                : pathParts[i] == patternParts[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
