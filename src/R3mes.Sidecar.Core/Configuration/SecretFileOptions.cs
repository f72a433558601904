namespace R3mes.Sidecar.Configuration;

/// <summary>One entry of a secret's <c>files:</c> when written as a mapping rather than a template string.</summary>
public sealed class SecretFileOptions
{
    public static readonly string[] Keys = ["template", "key", "decode", "mode", "uid", "gid"];

    public string? Template { get; set; }

    public string? Key { get; set; }

    public string? Decode { get; set; }

    public string? Mode { get; set; }

    public int? Uid { get; set; }

    public int? Gid { get; set; }
}
