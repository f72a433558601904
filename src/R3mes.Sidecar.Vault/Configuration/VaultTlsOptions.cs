using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Configuration;

/// <summary><c>vault.tls:</c> CA, server name, client certificate.</summary>
public sealed class VaultTlsOptions
{
    public static readonly string[] Keys = ["ca_file", "ca_pem", "server_name", "client_cert", "client_key", "skip_verify"];

    [ConfigurationKeyName("ca_file")]
    public string? CaFile { get; set; }

    [ConfigurationKeyName("ca_pem")]
    public string? CaPem { get; set; }

    [ConfigurationKeyName("server_name")]
    public string? ServerName { get; set; }

    [ConfigurationKeyName("client_cert")]
    public string? ClientCert { get; set; }

    [ConfigurationKeyName("client_key")]
    public string? ClientKey { get; set; }

    [ConfigurationKeyName("skip_verify")]
    public bool SkipVerify { get; set; }
}
