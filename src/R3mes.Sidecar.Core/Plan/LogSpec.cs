using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Plan;

/// <summary><c>log: { level: info, format: text|json }</c>.</summary>
public sealed record LogSpec(LogLevel Level, bool Json)
{
    public static LogSpec Default { get; } = new(LogLevel.Information, false);
}
