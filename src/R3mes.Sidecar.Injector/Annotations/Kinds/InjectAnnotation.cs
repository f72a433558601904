namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>inject: "true"</c> asks for the sidecar (checked before anything else is read).</summary>
internal sealed class InjectAnnotation : IAnnotationKind
{
    public string Name => "inject";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request) =>
        BooleanText.Parse(value) is null ? BooleanText.Problem : null;
}
