namespace R3mes.Sidecar.Injector.Settings;

/// <summary>Requests and limits of the sidecar container (Kubernetes quantities; a null limit is not set).</summary>
public sealed record ResourceSettings(string CpuRequest, string? CpuLimit, string MemoryRequest, string? MemoryLimit);
