namespace R3mes.Sidecar.Configuration;

/// <summary><c>wait: { min, max }</c> — an action's debounce window.</summary>
public sealed class WaitOptions
{
    public static readonly string[] Keys = ["min", "max"];

    public string? Min { get; set; }

    public string? Max { get; set; }
}
