namespace R3mes.Sidecar.Injector.Settings;

/// <summary>
/// Default requests and limit of the sidecar container, from a measurement (README "Kubernetes"): the NativeAOT
/// <c>run</c> daemon with its endpoints idles near 30 MiB RSS and uses next to no CPU between refreshes.
/// </summary>
internal static class SidecarResourceDefaults
{
    public const string CpuRequest = "5m";
    public const string MemoryRequest = "40Mi";
    public const string MemoryLimit = "96Mi";
}
