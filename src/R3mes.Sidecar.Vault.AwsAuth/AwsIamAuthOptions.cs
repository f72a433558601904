using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.AwsAuth;

/// <summary>The <c>aws</c> method's keys under <c>vault.auth</c>.</summary>
public sealed class AwsIamAuthOptions
{
    public static readonly string[] Keys = ["role", "header_value", "sts_endpoint", "sts_region"];

    public string? Role { get; set; }

    /// <summary>The value of X-Vault-AWS-IAM-Server-ID the Vault role requires (iam_server_id_header_value).</summary>
    [ConfigurationKeyName("header_value")]
    public string? HeaderValue { get; set; }

    [ConfigurationKeyName("sts_endpoint")]
    public string? StsEndpoint { get; set; }

    [ConfigurationKeyName("sts_region")]
    public string? StsRegion { get; set; }
}
