using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>role: backend</c>: the Vault Kubernetes-auth role the sidecar logs in with.</summary>
internal sealed partial class RoleAnnotation : IAnnotationKind
{
    public string Name => "role";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request)
    {
        if (!RoleName().IsMatch(value))
        {
            return $"'{value}' is not a Vault role name (letters, digits, '_', '-', '.', at most 128)";
        }

        request.Role = value;
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}
