namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>secret-FILE: [KIND:]REF[#FIELD]</c>: where the file's content comes from.</summary>
internal sealed class SecretAnnotation(string podNamespace) : IAnnotationKind
{
    public string Name => "secret-";

    public bool PerFile => true;

    public string? Read(string file, string value, PodRequest request)
    {
        var source = SourceReference.Parse(value, podNamespace, out var problem);
        request.File(file).Source = source;
        return problem;
    }
}
