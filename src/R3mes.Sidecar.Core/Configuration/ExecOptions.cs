using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary><c>exec:</c> — how <c>exec</c> mode tells its child about a change, and how long it waits for it to stop.</summary>
public sealed class ExecOptions
{
    public static readonly string[] Keys = ["on_change", "signal", "kill_timeout"];

    [ConfigurationKeyName("on_change")]
    public string? OnChange { get; set; }

    public string? Signal { get; set; }

    [ConfigurationKeyName("kill_timeout")]
    public string? KillTimeout { get; set; }
}
