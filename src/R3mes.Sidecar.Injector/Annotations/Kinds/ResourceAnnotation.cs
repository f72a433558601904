using R3mes.Sidecar.Injector.Pods;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>cpu-request</c>, <c>cpu-limit</c>, <c>memory-request</c>, <c>memory-limit</c>: the sidecar container's resources.</summary>
internal sealed class ResourceAnnotation(string name, Action<PodRequest, string> set) : IAnnotationKind
{
    public string Name => name;

    public bool PerFile => false;

    public static IEnumerable<IAnnotationKind> All() =>
    [
        new ResourceAnnotation("cpu-request", (r, v) => r.CpuRequest = v),
        new ResourceAnnotation("cpu-limit", (r, v) => r.CpuLimit = v),
        new ResourceAnnotation("memory-request", (r, v) => r.MemoryRequest = v),
        new ResourceAnnotation("memory-limit", (r, v) => r.MemoryLimit = v),
    ];

    public string? Read(string file, string value, PodRequest request)
    {
        if (!Quantity.IsValid(value))
        {
            return $"'{value}' is not a Kubernetes quantity, e.g. {(name.StartsWith("cpu", StringComparison.Ordinal) ? "10m" : "64Mi")}";
        }

        set(request, value);
        return null;
    }
}
