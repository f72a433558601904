using R3mes.Sidecar.Injector.Annotations.Kinds;

namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>Every annotation kind, found by name: one registration line per kind.</summary>
internal sealed class AnnotationKinds
{
    private readonly List<IAnnotationKind> _kinds;

    private AnnotationKinds(IEnumerable<IAnnotationKind> kinds) => _kinds = kinds.ToList();

    public IEnumerable<string> Names => _kinds.Select(k => k.PerFile ? k.Name + "FILE" : k.Name);

    public static AnnotationKinds For(string podNamespace) => new(
    [
        new InjectAnnotation(),
        new StatusAnnotation(),
        new SecretAnnotation(podNamespace),
        new TemplateAnnotation(),
        new ModeAnnotation(),
        new ConfigAnnotation(),
        new RoleAnnotation(),
        new ReloadAnnotation(),
        new InitOnlyAnnotation(),
        new LayoutAnnotation(),
        new ShareProcessNamespaceAnnotation(),
        .. ResourceAnnotation.All(),
    ]);

    /// <summary>The kind for <paramref name="name"/> (after the prefix) and, for a per-file kind, the file name.</summary>
    public IAnnotationKind? Find(string name, out string file)
    {
        file = "";
        foreach (var kind in _kinds)
        {
            if (!kind.PerFile && kind.Name == name)
            {
                return kind;
            }

            if (kind.PerFile && name.Length > kind.Name.Length && name.StartsWith(kind.Name, StringComparison.Ordinal))
            {
                file = name[kind.Name.Length..];
                return kind;
            }
        }

        return null;
    }
}
