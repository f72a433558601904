namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>A request as received: method, path and query exactly as sent (for the canonical request), headers in
/// arrival order, body bytes, the JSON target or the parsed form, and the request id every answer carries.</summary>
internal sealed record AwsCall(string Method, string RawPath, string RawQuery, IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body, string RequestId, string? Target, IReadOnlyDictionary<string, string>? Form)
{
    public string? Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
        return values.Length == 0 ? null : string.Join(',', values);
    }

    public static IReadOnlyDictionary<string, string> ParseForm(string body) => body.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .GroupBy(p => Decode(p[0]), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Length > 1 ? Decode(g.First()[1]) : "", StringComparer.Ordinal);

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
