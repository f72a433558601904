using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>The signed sts:GetCallerIdentity request inside an aws iam login, decoded from the iam_* fields
/// (standard base64; headers a JSON object whose values are strings or string arrays, base64-encoded or inline).</summary>
internal sealed record AwsIamRequest(Uri Url, string Body, IReadOnlyDictionary<string, string[]> Headers)
{
    public static AwsIamRequest? Decode(EmulatorCall call, out string? error)
    {
        error = null;
        var method = call.Str("iam_http_request_method");
        if (string.IsNullOrEmpty(method))
        {
            error = "missing iam_http_request_method";
            return null;
        }

        if (method != "POST")
        {
            error = "invalid iam_http_request_method; currently only 'POST' is supported";
            return null;
        }

        if (Base64(call.Str("iam_request_url"), "iam_request_url", out error) is not { } rawUrl)
        {
            return null;
        }

        if (!Uri.TryCreate(rawUrl, UriKind.Absolute, out var url))
        {
            error = "error parsing iam_request_url";
            return null;
        }

        if (Base64(call.Str("iam_request_body"), "iam_request_body", out error) is not { } body)
        {
            return null;
        }

        var headers = ParseHeaders(call.Body?["iam_request_headers"]);
        if (headers.Count == 0)
        {
            error = "missing iam_request_headers";
            return null;
        }

        return new AwsIamRequest(url, body, headers);
    }

    private static string? Base64(string? value, string field, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            error = $"missing {field}";
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            error = $"failed to base64 decode {field}";
            return null;
        }
    }

    private static Dictionary<string, string[]> ParseHeaders(JsonNode? node)
    {
        try
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                node = JsonNode.Parse(Convert.FromBase64String(value.GetValue<string>()));
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return [];
        }

        return node is not JsonObject headers ? [] : headers.ToDictionary(
            h => h.Key,
            h => h.Value is JsonArray array ? [.. array.Select(v => v?.GetValue<string>() ?? "")] : new[] { h.Value?.GetValue<string>() ?? "" },
            StringComparer.Ordinal);
    }
}
