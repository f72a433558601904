using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>One entry of <c>secrets:</c>. <c>source</c> and <c>files</c> are read by their own readers.</summary>
public sealed class SecretOptions
{
    public static readonly string[] Keys = ["name", "source", "files", "on_change", "update", "required", "refresh", "allow_empty"];

    public string? Name { get; set; }

    [ConfigurationKeyName("on_change")]
    public List<string> OnChange { get; set; } = [];

    public string? Update { get; set; }

    public bool? Required { get; set; }

    public string? Refresh { get; set; }

    /// <summary><c>allow_empty: true</c> lets a required secret write an empty file; read as text so a typo is reported by key.</summary>
    [ConfigurationKeyName("allow_empty")]
    public string? AllowEmpty { get; set; }
}
