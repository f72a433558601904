using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>config: NAME[#KEY]</c>: a ConfigMap of the pod's namespace holds the whole sidecar configuration (key <c>sidecar.yaml</c> by default).</summary>
internal sealed partial class ConfigAnnotation : IAnnotationKind
{
    public string Name => "config";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request)
    {
        var parts = value.Split('#');
        var name = parts[0];
        var key = parts.Length > 1 ? parts[1] : ConfigMapReference.DefaultKey;
        if (parts.Length > 2 || name.Length > 253 || !DnsSubdomain().IsMatch(name) || !ConfigMapKey().IsMatch(key))
        {
            return $"'{value}' is not a ConfigMap NAME or NAME#KEY (lower-case DNS name; key of letters, digits, '-', '_', '.')";
        }

        request.ConfigMap = new ConfigMapReference(name, key);
        return null;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]{1,253}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKey();
}
