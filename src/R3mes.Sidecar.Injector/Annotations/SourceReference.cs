using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>
/// A <c>secret-FILE</c> value: <c>[KIND:]REF[#FIELD]</c>. KIND is <c>vault</c> (the default), <c>aws</c>,
/// <c>kubernetes</c> (<c>NAMESPACE/NAME</c> or <c>NAME</c> in the pod's namespace) or <c>file</c>
/// (<c>VOLUME[/PATH]</c>: one of the pod's own volumes, mounted read-only into the sidecar).
/// </summary>
internal sealed partial record SourceReference(string Kind, string Ref, string? Field)
{
    public const string Vault = "vault";
    public const string Aws = "aws";
    public const string Kubernetes = "kubernetes";
    public const string File = "file";

    public static readonly string[] Kinds = [Vault, Aws, Kubernetes, File];

    /// <summary>The file-level field picked by <c>#FIELD</c>.</summary>
    public string SourceKey => $"{Kind}:{Ref}";

    /// <summary>For <c>file:</c>, the pod volume the path starts with.</summary>
    public string Volume => Ref.Split('/')[0];

    public static SourceReference? Parse(string value, string podNamespace, out string? problem)
    {
        problem = null;
        var text = value.Trim();
        string? field = null;
        var hash = text.LastIndexOf('#');
        if (hash >= 0)
        {
            field = text[(hash + 1)..];
            text = text[..hash];
            if (!FieldPattern().IsMatch(field))
            {
                problem = $"'#{field}' is not a field name (letters, digits, '_', '-', '.', at most 253)";
                return null;
            }
        }

        var kind = Vault;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && KindPattern().IsMatch(text[..colon]))
        {
            kind = text[..colon];
            text = text[(colon + 1)..];
            if (!Kinds.Contains(kind, StringComparer.Ordinal))
            {
                problem = $"unknown source kind '{kind}' (known: {string.Join(", ", Kinds)})";
                return null;
            }
        }

        problem = kind switch
        {
            Vault => VaultPath(text),
            Aws => AwsPattern().IsMatch(text) ? null : $"'{text}' is not a Secrets Manager name or ARN",
            Kubernetes => KubernetesName(ref text, podNamespace),
            _ => FileRef(text),
        };
        return problem is null ? new SourceReference(kind, text, field) : null;
    }

    private static string? VaultPath(string path)
    {
        if (path.Length == 0)
        {
            return "give a Vault path, e.g. secret/r3mes/app#jwt_secret";
        }

        return path.Length <= 512 && path.Split('/').All(s => s.Length > 0 && s is not "." and not ".." && SegmentPattern().IsMatch(s))
            ? null
            : $"'{path}' is not a Vault path (segments of letters, digits, '_', '-', '.', '+', '@', '=' separated by '/')";
    }

    private static string? KubernetesName(ref string text, string podNamespace)
    {
        var parts = text.Split('/');
        if (parts.Length == 1)
        {
            parts = [podNamespace, parts[0]];
        }

        if (parts.Length != 2 || !DnsLabel().IsMatch(parts[0]) || parts[1].Length > 253 || !DnsSubdomain().IsMatch(parts[1]))
        {
            return $"'{text}' is not NAMESPACE/NAME of a Secret (lower-case DNS names)";
        }

        text = $"{parts[0]}/{parts[1]}";
        return null;
    }

    private static string? FileRef(string text)
    {
        var parts = text.Split('/');
        if (!DnsLabel().IsMatch(parts[0]))
        {
            return $"'{text}' does not start with a volume name of the pod, e.g. file:app-config/settings.json";
        }

        return parts.Skip(1).All(s => s.Length > 0 && s[0] != '.' && SegmentPattern().IsMatch(s))
            ? null
            : $"'{text}' is not VOLUME/PATH inside the volume (no '..', no hidden names)";
    }

    [GeneratedRegex(@"^[a-z]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,253}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.+@=-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9/_+=.@:-]{1,2048}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
