namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>
/// <c>namespace/name</c> of a Secret, or just <c>name</c> (the pod's own namespace, read when first needed).
/// Names follow Kubernetes' rules: a namespace is a DNS label, a Secret name a DNS subdomain.
/// </summary>
internal sealed record SecretReference(string? Namespace, string Name)
{
    public override string ToString() => $"{Namespace ?? "(pod namespace)"}/{Name}";

    /// <summary>Parses the <c>kubernetes:</c> value; on failure returns null and the reason (which repeats no value: names are not secret).</summary>
    public static SecretReference? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            problem = $"'{text}' is not namespace/name: a Secret is named by at most one namespace and one name, e.g. kubernetes: r3mes/backend-secrets";
            return null;
        }

        var (ns, name) = parts.Length == 2 ? (parts[0], parts[1]) : (null, parts[0]);
        if (ns is not null && !IsDnsLabel(ns))
        {
            problem = $"'{ns}' is not a namespace name (lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit)";
            return null;
        }

        if (!IsDnsSubdomain(name))
        {
            problem = $"'{name}' is not a Secret name (lowercase letters, digits, '-' and '.', at most 253, each part starting and ending with a letter or digit)";
            return null;
        }

        problem = null;
        return new SecretReference(ns, name);
    }

    /// <summary>RFC 1123 label: <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63 characters.</summary>
    public static bool IsDnsLabel(string text) =>
        text.Length is > 0 and <= 63 && IsAlphanumeric(text[0]) && IsAlphanumeric(text[^1]) && text.All(c => IsAlphanumeric(c) || c == '-');

    /// <summary>RFC 1123 subdomain: dot-separated labels, at most 253 characters.</summary>
    public static bool IsDnsSubdomain(string text) =>
        text.Length is > 0 and <= 253 && text.Split('.').All(IsDnsLabel);

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
