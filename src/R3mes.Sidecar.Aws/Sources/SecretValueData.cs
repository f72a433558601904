using System.Text.Json;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Sources;

/// <summary>
/// A Secrets Manager value as <see cref="SecretData"/>: the whole SecretString (or the decoded SecretBinary) is the
/// raw value; a SecretString holding a JSON object also gives one field per member (strings as they are, anything
/// else as its JSON text), so <c>key: password</c> and templates over <c>username</c>/<c>password</c> work.
/// </summary>
internal static class SecretValueData
{
    public static SecretData From(GetSecretValueResponse value, string secretId)
    {
        ArgumentNullException.ThrowIfNull(value);
        var freshness = new Freshness { Version = value.VersionId };
        if (value.SecretString is { } text)
        {
            return new SecretData(SecretValue.FromUtf8(text), Fields(text), freshness);
        }

        if (value.SecretBinary is { } binary)
        {
            var bytes = new byte[binary.Length];
            if (!Convert.TryFromBase64String(binary, bytes, out var written))
            {
                throw new SecretSourceException($"aws {secretId}: SecretBinary is not base64", transient: false);
            }

            return new SecretData(SecretValue.FromBytes(bytes.AsSpan(0, written)), null, freshness);
        }

        throw new SecretSourceException($"aws {secretId}: the version has neither SecretString nor SecretBinary", transient: false);
    }

    private static Dictionary<string, SecretValue>? Fields(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind != JsonValueKind.Object ? null
                : document.RootElement.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => SecretValue.FromUtf8(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()),
                    StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // Not JSON after all: the value is only the whole string (no field names, and no text of it in messages).
            return null;
        }
    }
}
