namespace R3mes.Sidecar.Injector.Settings;

/// <summary><c>aws:</c> the region the sidecars' Secrets Manager sources use.</summary>
public sealed class AwsOptions
{
    public static readonly string[] Keys = ["region"];

    public string? Region { get; set; }
}
