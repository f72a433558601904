using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Configuration;

/// <summary><c>vault.proxy:</c> the optional loopback Vault API proxy.</summary>
public sealed class VaultProxyOptions
{
    public static readonly string[] Keys = ["listen", "use_auto_auth_token"];

    public string? Listen { get; set; }

    [ConfigurationKeyName("use_auto_auth_token")]
    public string? UseAutoAuthToken { get; set; }
}
