using System.Text.Json;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Kv;

/// <summary>A KV secret's map as fields (<see cref="SecretJson.Fields"/>): strings as they are, anything else as its JSON text.</summary>
internal static class KvFields
{
    public static IReadOnlyDictionary<string, SecretValue> From(JsonElement map, string where) =>
        map.ValueKind == JsonValueKind.Object
            ? SecretJson.Fields(map)
            : throw new R3mes.Sidecar.Sources.SecretSourceException($"vault {where}: expected a key/value map, got {map.ValueKind}", transient: false);
}
