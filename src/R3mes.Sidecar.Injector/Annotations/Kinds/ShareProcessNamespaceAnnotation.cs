namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary>
/// <c>share-process-namespace: "true"</c>: for a <c>config:</c> ConfigMap with signal actions (the injector cannot
/// read it); with <c>reload: signal:…</c> or <c>nginx</c> it is set on its own.
/// </summary>
internal sealed class ShareProcessNamespaceAnnotation : IAnnotationKind
{
    public string Name => "share-process-namespace";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request)
    {
        request.ShareProcessNamespace = BooleanText.Parse(value);
        return request.ShareProcessNamespace is null ? BooleanText.Problem : null;
    }
}
