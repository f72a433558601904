namespace R3mes.Sidecar.Endpoints;

/// <summary><c>limits:</c> how many connections each local listener keeps open at once.</summary>
public sealed class ConnectionLimitsOptions
{
    public static readonly string[] Keys = ["listen", "vault_proxy", "aws_agent"];

    public int? Listen { get; set; }

    [ConfigurationKeyName("vault_proxy")]
    public int? VaultProxy { get; set; }

    [ConfigurationKeyName("aws_agent")]
    public int? AwsAgent { get; set; }
}
