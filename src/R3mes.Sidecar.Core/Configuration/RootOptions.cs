using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>The top-level scalars. Sections (output, secrets, actions…) have their own options.</summary>
public sealed class RootOptions
{
    public static readonly string[] Keys =
        ["output", "state_dir", "secrets", "actions", "listen", "log", "exec", "retry_budget"];

    [ConfigurationKeyName("state_dir")]
    public string? StateDir { get; set; }

    public string? Listen { get; set; }

    [ConfigurationKeyName("retry_budget")]
    public string? RetryBudget { get; set; }
}
