using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace R3mes.Sidecar.Aws.Tests.Support;

/// <summary>
/// A deliberately tiny SigV4 signer for requests to "/" without a query, written separately from the emulator's
/// verifier so that the two check each other. <see cref="SignToken"/> false leaves X-Amz-Security-Token unsigned.
/// </summary>
internal sealed record TestSigner(string AccessKeyId, string SecretKey, string? SessionToken, string Region, string Service, DateTimeOffset Time)
{
    public bool SignToken { get; init; } = true;

    public string? ScopeDate { get; init; }

    public void Sign(HttpRequestMessage request, byte[] body)
    {
        var amzDate = Time.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture);
        var date = ScopeDate ?? amzDate[..8];
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", SessionToken);
        }

        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.RequestUri!.Authority,
            ["x-amz-date"] = amzDate,
        };
        if (SessionToken is not null && SignToken)
        {
            signed["x-amz-security-token"] = SessionToken;
        }

        foreach (var header in request.Headers.Where(h => h.Key.StartsWith("X-Vault", StringComparison.OrdinalIgnoreCase) || h.Key == "X-Amz-Target"))
        {
            signed[header.Key.ToLowerInvariant()] = string.Join(',', header.Value);
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signed["content-type"] = contentType.ToString();
        }

        var names = string.Join(';', signed.Keys);
        var canonical = $"{request.Method.Method}\n/\n\n{string.Concat(signed.Select(h => $"{h.Key}:{h.Value.Trim()}\n"))}\n{names}\n{Hex(SHA256.HashData(body))}";
        var scope = $"{date}/{Region}/{Service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in new[] { date, Region, Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/{scope}, SignedHeaders={names}, Signature={signature}");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
