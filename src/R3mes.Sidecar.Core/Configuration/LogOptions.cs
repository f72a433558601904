namespace R3mes.Sidecar.Configuration;

/// <summary><c>log: { level, format }</c>.</summary>
public sealed class LogOptions
{
    public static readonly string[] Keys = ["level", "format"];

    public string? Level { get; set; }

    public string? Format { get; set; }
}
