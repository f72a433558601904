using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Injector.Settings;

/// <summary><c>vault:</c> the Vault every injected sidecar talks to, and how it logs in.</summary>
public sealed class VaultOptions
{
    public static readonly string[] Keys = ["address", "ca_file", "auth_mount"];

    public string? Address { get; set; }

    [ConfigurationKeyName("ca_file")]
    public string? CaFile { get; set; }

    [ConfigurationKeyName("auth_mount")]
    public string? AuthMount { get; set; }
}
