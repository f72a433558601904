using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Injector.Settings;

/// <summary><c>sidecar:</c> what the injected containers look like; never taken from a pod's annotations.</summary>
public sealed class SidecarOptions
{
    public static readonly string[] Keys =
    [
        "image", "pull_policy", "layout", "port", "uid", "cpu_request", "cpu_limit", "memory_request", "memory_limit",
        "secrets_size", "state_size", "file_sources_dir",
    ];

    public string? Image { get; set; }

    [ConfigurationKeyName("pull_policy")]
    public string? PullPolicy { get; set; }

    public string? Layout { get; set; }

    public int? Port { get; set; }

    public long? Uid { get; set; }

    [ConfigurationKeyName("cpu_request")]
    public string? CpuRequest { get; set; }

    [ConfigurationKeyName("cpu_limit")]
    public string? CpuLimit { get; set; }

    [ConfigurationKeyName("memory_request")]
    public string? MemoryRequest { get; set; }

    [ConfigurationKeyName("memory_limit")]
    public string? MemoryLimit { get; set; }

    [ConfigurationKeyName("secrets_size")]
    public string? SecretsSize { get; set; }

    [ConfigurationKeyName("state_size")]
    public string? StateSize { get; set; }

    [ConfigurationKeyName("file_sources_dir")]
    public string? FileSourcesDir { get; set; }
}
