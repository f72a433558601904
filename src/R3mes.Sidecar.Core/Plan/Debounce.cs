namespace R3mes.Sidecar.Plan;

/// <summary>
/// Quiet period before an action runs (<see cref="Min"/>, restarted by every new trigger) and the longest a
/// trigger waits however busy the window (<see cref="Max"/>), as consul-template's <c>wait</c>.
/// </summary>
public sealed record Debounce(TimeSpan Min, TimeSpan Max)
{
    public static Debounce Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
}
