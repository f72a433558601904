using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Aws.Configuration;

/// <summary>The <c>aws:</c> section. Credentials always come from the AWS default chain, never from here.</summary>
public sealed class AwsOptions
{
    public static readonly string[] Keys = ["region", "endpoint", "max_concurrent", "timeout", "agent"];

    public string? Region { get; set; }

    /// <summary>Secrets Manager endpoint override (VPC endpoint, FIPS, tests); else AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL.</summary>
    public string? Endpoint { get; set; }

    [ConfigurationKeyName("max_concurrent")]
    public int? MaxConcurrent { get; set; }

    public string? Timeout { get; set; }
}
