using System.Runtime.InteropServices;
using System.Text.Json;

namespace R3mes.Sidecar.Secrets;

/// <summary>
/// The one reader of JSON objects into fields, for every source (a file or variable holding JSON, a Vault map, an
/// AWS SecretString). A value that is not exactly one JSON object — a plain password that starts with <c>{</c>, an
/// array, a truncated document — is a whole value with no fields, never an error. Inside an object, string members
/// are their text, other members their JSON text byte for byte; a member whose string cannot be read as text is
/// left out and named in <see cref="SecretFields.Unreadable"/>, so only a file that needs it fails. No parser
/// message is kept: System.Text.Json quotes the offending input, which would leak secret bytes.
/// </summary>
public static class SecretJson
{
    private static readonly SecretFields NoFields = new([], []);

    /// <summary>The fields of a value holding one JSON object; false (and no fields) when it holds anything else.</summary>
    public static bool TryReadObject(SecretValue value, out IReadOnlyDictionary<string, SecretValue> fields)
    {
        ArgumentNullException.ThrowIfNull(value);
        fields = NoFields;
        var start = value.Reveal().TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] != (byte)'{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value.Reveal().ToArray());
            fields = Fields(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The members of <paramref name="map"/>, which must be a JSON object.</summary>
    public static SecretFields Fields(JsonElement map)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("expected a JSON object", nameof(map));
        }

        var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (var member in map.EnumerateObject())
        {
            if (!TryName(member, out var name))
            {
                continue;
            }

            if (member.Value.ValueKind != JsonValueKind.String)
            {
                fields[name] = SecretValue.FromBytes(JsonMarshal.GetRawUtf8Value(member.Value));
            }
            else if (TryText(member.Value, out var text))
            {
                fields[name] = SecretValue.FromUtf8(text);
            }
            else
            {
                unreadable.Add(name);
            }
        }

        return new SecretFields(fields, unreadable);
    }

    // Both throw InvalidOperationException for a lone surrogate escape or bytes that are not UTF-8.
    private static bool TryName(JsonProperty member, out string name)
    {
        try
        {
            name = member.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static bool TryText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
