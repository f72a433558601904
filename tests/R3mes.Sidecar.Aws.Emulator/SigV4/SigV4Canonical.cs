using System.Security.Cryptography;
using System.Text;

namespace R3mes.Sidecar.Aws.Emulator.SigV4;

/// <summary>
/// The SigV4 chain, written for the emulator from AWS's description (not from any SDK): canonical request, string
/// to sign, signing key and signature. Pinned to AWS's test vectors by the tests.
/// </summary>
public static class SigV4Canonical
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static string CanonicalRequest(string method, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyList<string> signedHeaders, string payloadHash, bool normalizePath = true) => string.Join('\n',
            method,
            CanonicalPath(rawPath, normalizePath),
            CanonicalQuery(rawQuery),
            CanonicalHeaders(headers, signedHeaders),
            string.Join(';', signedHeaders),
            payloadHash);

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    public static string Signature(byte[] signingKey, string stringToSign) => Hex(Hmac(signingKey, stringToSign));

    public static string PayloadHash(ReadOnlySpan<byte> payload) => Hex(SHA256.HashData(payload));

    /// <summary>Removes dot segments and empty segments when normalizing, then encodes the path as sent (so an
    /// already-encoded path is encoded again, as AWS does for every service but S3).</summary>
    public static string CanonicalPath(string rawPath, bool normalize)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (normalize)
        {
            var kept = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment is "" or ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    if (kept.Count > 0)
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }

                    continue;
                }

                kept.Add(segment);
            }

            var trailing = kept.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal));
            path = "/" + string.Join('/', kept) + (trailing ? "/" : "");
        }

        return string.Join('/', path.Split('/').Select(s => Encode(s)));
    }

    /// <summary>Parameters decoded, re-encoded with the unreserved set, sorted by name then value.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        if (query.Length == 0)
        {
            return "";
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? p : p[..eq];
            var value = eq < 0 ? "" : p[(eq + 1)..];
            return (Name: Encode(Uri.UnescapeDataString(name)), Value: Encode(Uri.UnescapeDataString(value)));
        });
        return string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>Lower-case names, values trimmed with inner runs of white space folded to one space, repeated
    /// headers joined with commas in the order received.</summary>
    public static string CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders)
    {
        var byName = headers.GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(h => Fold(h.Value))), StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(byName.GetValueOrDefault(name, "")).Append('\n');
        }

        return builder.ToString();
    }

    public static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Fold(string value) =>
        string.Join(' ', value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
