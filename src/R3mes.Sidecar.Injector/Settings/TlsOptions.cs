using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Injector.Settings;

/// <summary><c>tls:</c> the webhook's key pair (PEM files, re-read when they change).</summary>
public sealed class TlsOptions
{
    public static readonly string[] Keys = ["cert_file", "key_file"];

    [ConfigurationKeyName("cert_file")]
    public string? CertFile { get; set; }

    [ConfigurationKeyName("key_file")]
    public string? KeyFile { get; set; }
}
