namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>status: injected</c> is written by the injector; a pod that has it is never patched again.</summary>
internal sealed class StatusAnnotation : IAnnotationKind
{
    public string Name => "status";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request) =>
        $"is set by the injector ('{AnnotationNames.Injected}'); remove it";
}
