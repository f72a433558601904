namespace R3mes.Sidecar.Injector.Settings;

/// <summary>
/// <see cref="Native"/>: the sidecar is the first init container with <c>restartPolicy: Always</c> (Kubernetes ≥ 1.29).
/// <see cref="Classic"/>: a <c>once</c> init container plus a regular sidecar container, for older clusters.
/// </summary>
public enum SidecarLayout
{
    Native,
    Classic,
}
