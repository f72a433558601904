namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>init-only: "true"</c>: only a <c>once</c> init container — files are written before the app starts and never refreshed.</summary>
internal sealed class InitOnlyAnnotation : IAnnotationKind
{
    public string Name => "init-only";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request)
    {
        request.InitOnly = BooleanText.Parse(value);
        return request.InitOnly is null ? BooleanText.Problem : null;
    }
}
