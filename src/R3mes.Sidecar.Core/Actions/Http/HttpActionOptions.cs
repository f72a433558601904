namespace R3mes.Sidecar.Actions.Http;

/// <summary><c>http: { url, method, headers, timeout }</c> of an HTTP action.</summary>
internal sealed class HttpActionOptions
{
    public static readonly string[] Keys = ["url", "method", "headers", "timeout"];

    public string? Url { get; set; }

    public string? Method { get; set; }

    public Dictionary<string, string?> Headers { get; set; } = [];

    public string? Timeout { get; set; }
}
