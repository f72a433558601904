using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions.Http;

/// <summary>
/// Validates <c>headers:</c> of an HTTP action: request header names, ASCII values without line breaks. Errors
/// name the header, never its value (often a credential).
/// </summary>
internal static class HttpActionHeaders
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(Dictionary<string, string?> headers, string path, ConfigErrors errors)
    {
        var valid = new List<KeyValuePair<string, string>>();
        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var headerPath = ConfigPath.Child(path, name);
            if (name.Equals(HttpAction.ChangedHeader, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(headerPath, $"{HttpAction.ChangedHeader} is set by the sidecar: remove it");
            }
            else if (!probe.Headers.TryAddWithoutValidation(name, "x"))
            {
                errors.Add(headerPath, $"'{name}' is not a request header that can be set here (the body is empty, so no content headers)");
            }
            else if (value is null || !value.All(c => c is '\t' or (>= ' ' and <= '~')))
            {
                errors.Add(headerPath, "the value must be printable ASCII text without line breaks (it is not shown here)");
            }
            else
            {
                valid.Add(new(name, value));
            }
        }

        return valid;
    }
}
