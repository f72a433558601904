using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The <c>vault:</c> section.</summary>
public sealed class VaultOptions
{
    public static readonly string[] Keys = ["address", "namespace", "tls", "auth", "max_concurrent", "timeout", "token_file", "proxy", "revoke_on_shutdown"];

    public string? Address { get; set; }

    public string? Namespace { get; set; }

    [ConfigurationKeyName("max_concurrent")]
    public int? MaxConcurrent { get; set; }

    public string? Timeout { get; set; }

    /// <summary>Optional: the current token, written 0600 for apps that call Vault themselves (Vault Agent's sink).</summary>
    [ConfigurationKeyName("token_file")]
    public string? TokenFile { get; set; }

    /// <summary>On SIGTERM in <c>run</c>/<c>exec</c>: revoke every lease and the sidecar's own login token.</summary>
    [ConfigurationKeyName("revoke_on_shutdown")]
    public bool? RevokeOnShutdown { get; set; }
}
