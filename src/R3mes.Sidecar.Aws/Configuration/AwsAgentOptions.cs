using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Aws.Configuration;

/// <summary><c>aws.agent:</c> the optional AWS Secrets Manager Agent–compatible endpoint.</summary>
public sealed class AwsAgentOptions
{
    public static readonly string[] Keys = ["listen", "token", "ttl", "max_entries"];

    /// <summary>Address and port, default <see cref="AwsAgentSettings.DefaultListen"/>.</summary>
    public string? Listen { get; set; }

    /// <summary>Where the SSRF token is: <c>env:NAME</c> or <c>file:///path</c> (AWS's agent: AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN).</summary>
    public string? Token { get; set; }

    public string? Ttl { get; set; }

    [ConfigurationKeyName("max_entries")]
    public int? MaxEntries { get; set; }
}
