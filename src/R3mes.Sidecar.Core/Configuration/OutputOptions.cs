using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary><c>output:</c> where files go and their default mode and owner.</summary>
public sealed class OutputOptions
{
    public static readonly string[] Keys = ["dir", "mode", "uid", "gid", "require_tmpfs"];

    public string? Dir { get; set; }

    public string? Mode { get; set; }

    public int? Uid { get; set; }

    public int? Gid { get; set; }

    [ConfigurationKeyName("require_tmpfs")]
    public bool RequireTmpfs { get; set; }
}
