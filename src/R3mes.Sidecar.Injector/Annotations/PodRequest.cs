using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>What a pod's annotations ask for, as read; <see cref="Pods.InjectionPlanner"/> checks the whole.</summary>
internal sealed class PodRequest
{
    public SortedDictionary<string, FileRequest> Files { get; } = new(StringComparer.Ordinal);

    public ConfigMapReference? ConfigMap { get; set; }

    public string? Role { get; set; }

    public ReloadRequest? Reload { get; set; }

    public bool? InitOnly { get; set; }

    public SidecarLayout? Layout { get; set; }

    public bool? ShareProcessNamespace { get; set; }

    public string? CpuRequest { get; set; }

    public string? CpuLimit { get; set; }

    public string? MemoryRequest { get; set; }

    public string? MemoryLimit { get; set; }

    public FileRequest File(string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            file = new FileRequest();
            Files[name] = file;
        }

        return file;
    }
}
