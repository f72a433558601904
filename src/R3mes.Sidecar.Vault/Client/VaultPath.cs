namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// Builds request paths from configuration: every segment is percent-encoded, so a name can never add a segment,
/// a query or a fragment, and <c>.</c>, <c>..</c> and empty segments are refused.
/// </summary>
public static class VaultPath
{
    /// <summary>Splits a configured path (<c>secret/r3mes/app</c>) into checked segments.</summary>
    public static string[] Segments(string path) =>
        PathProblem(path) is { } problem ? throw new ArgumentException(problem, nameof(path)) : path.Trim('/').Split('/');

    /// <summary>Why a configured path is refused, or null.</summary>
    public static string? PathProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Trim('/').Split('/').Select(Problem).FirstOrDefault(p => p is not null) is { } problem ? $"'{path}': {problem}" : null;
    }

    public static string? Problem(string segment) => segment switch
    {
        "" => "empty path segment (double or leading slash)",
        "." or ".." => $"'{segment}' segments are not allowed",
        _ when segment.Any(char.IsControl) => "control characters are not allowed",
        _ => null,
    };

    /// <summary>Joins already-checked segments into <c>v1/…</c> with each segment percent-encoded.</summary>
    public static string Join(IEnumerable<string> segments) =>
        "v1/" + string.Join('/', segments.Select(s => Problem(s) is null ? Uri.EscapeDataString(s) : throw new ArgumentException(Problem(s), nameof(segments))));
}
