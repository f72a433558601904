namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>
/// One kind of <c>sidecar.r3mes.io/</c> annotation, found by name. A per-file kind (<c>secret-</c>, <c>template-</c>,
/// <c>mode-</c>) matches every name that starts with <see cref="Name"/> and gets the rest as the file name. It only
/// records what the pod asks for; the combinations are checked once all are read.
/// </summary>
internal interface IAnnotationKind
{
    string Name { get; }

    bool PerFile { get; }

    /// <summary>Returns why the value is refused (without repeating the annotation's name), or null.</summary>
    string? Read(string file, string value, PodRequest request);
}
