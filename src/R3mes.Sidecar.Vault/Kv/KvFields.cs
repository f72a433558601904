using System.Text.Json;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Kv;

/// <summary>A KV secret's map as fields: strings as they are, anything else as its JSON text.</summary>
internal static class KvFields
{
    public static IReadOnlyDictionary<string, SecretValue> From(JsonElement map, string where)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new R3mes.Sidecar.Sources.SecretSourceException($"vault {where}: expected a key/value map, got {map.ValueKind}", transient: false);
        }

        var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? SecretValue.FromUtf8(property.Value.GetString()!)
                : SecretValue.FromUtf8(property.Value.GetRawText());
        }

        return fields;
    }
}
