using R3mes.Sidecar.Injector.Annotations;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>
/// What to add to one pod: the layout, the sidecar's resources, its configuration (generated JSON, or a ConfigMap
/// the pod names), the pod volumes the sidecar reads (<c>file:</c> sources), and the effective settings to write
/// back as annotations.
/// </summary>
internal sealed record InjectionPlan(
    SidecarLayout Layout,
    bool InitOnly,
    ResourceSettings Resources,
    bool ShareProcessNamespace,
    string? ConfigJson,
    ConfigMapReference? ConfigMap,
    IReadOnlyList<string> FileVolumes,
    IReadOnlyDictionary<string, string> EffectiveAnnotations);
