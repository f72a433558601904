namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>The field selectors Secrets support here: <c>metadata.name</c> and <c>metadata.namespace</c>, with <c>=</c> or <c>==</c>, comma-separated.</summary>
internal static class FieldSelector
{
    public static bool TryParse(string text, out string? name, out string? ns, out string? problem)
    {
        (name, ns, problem) = (null, null, null);
        if (text.Length == 0)
        {
            return true;
        }

        foreach (var term in text.Split(','))
        {
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || term[..equals].EndsWith('!'))
            {
                problem = $"invalid field selector: '{term}': only equality is supported here";
                return false;
            }

            var value = term[(equals + 1)..].TrimStart('=');
            switch (term[..equals])
            {
                case "metadata.name":
                    name = value;
                    break;
                case "metadata.namespace":
                    ns = value;
                    break;
                default:
                    problem = $"field label not supported: {term[..equals]}";
                    return false;
            }
        }

        return true;
    }
}
