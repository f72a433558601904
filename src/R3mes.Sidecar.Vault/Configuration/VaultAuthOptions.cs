using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Configuration;

/// <summary><c>vault.auth:</c> the method and its settings; each method reads only the keys it knows.</summary>
public sealed class VaultAuthOptions
{
    public static readonly string[] Keys =
    [
        "method", "mount", "role", "token_file", "role_id_file", "secret_id_file", "secret_id_wrapped",
        "remove_secret_id_file", "jwt_file", "header_value", "sts_endpoint", "sts_region",
    ];

    public string? Method { get; set; }

    public string? Mount { get; set; }

    public string? Role { get; set; }

    [ConfigurationKeyName("token_file")]
    public string? TokenFile { get; set; }

    [ConfigurationKeyName("role_id_file")]
    public string? RoleIdFile { get; set; }

    [ConfigurationKeyName("secret_id_file")]
    public string? SecretIdFile { get; set; }

    [ConfigurationKeyName("secret_id_wrapped")]
    public bool SecretIdWrapped { get; set; }

    [ConfigurationKeyName("remove_secret_id_file")]
    public bool RemoveSecretIdFile { get; set; }

    [ConfigurationKeyName("jwt_file")]
    public string? JwtFile { get; set; }

    /// <summary>aws: the value of X-Vault-AWS-IAM-Server-ID the Vault role requires (iam_server_id_header_value).</summary>
    [ConfigurationKeyName("header_value")]
    public string? HeaderValue { get; set; }

    [ConfigurationKeyName("sts_endpoint")]
    public string? StsEndpoint { get; set; }

    [ConfigurationKeyName("sts_region")]
    public string? StsRegion { get; set; }
}
