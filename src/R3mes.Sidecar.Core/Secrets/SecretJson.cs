using System.Text.Json;

namespace R3mes.Sidecar.Secrets;

/// <summary>
/// Reads a secret that holds a JSON object into fields. Parser errors are replaced by a message that carries no
/// part of the input: System.Text.Json quotes the offending character, which would leak secret bytes.
/// </summary>
public static class SecretJson
{
    public static bool TryReadObject(SecretValue value, out IReadOnlyDictionary<string, SecretValue> fields)
    {
        ArgumentNullException.ThrowIfNull(value);
        fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        var bytes = value.Reveal();
        var start = bytes.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] != (byte)'{')
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            var result = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? SecretValue.FromUtf8(property.Value.GetString()!)
                    : SecretValue.FromUtf8(property.Value.GetRawText());
            }

            fields = result;
            return true;
        }
        catch (JsonException)
        {
            throw new SecretFormatException("the value starts like a JSON object but is not valid JSON");
        }
    }
}
