using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// One field of a configuration object: where Vault's read shows it (<see cref="ReadKey"/>, dotted for nested maps such
/// as <c>connection_details.connection_url</c>), the value wanted, and how to compare.
/// </summary>
internal sealed record FieldCheck(string Name, string ReadKey, JsonNode Expected, FieldCompare Compare)
{
    public bool Matches(JsonElement data)
    {
        var actual = data;
        foreach (var part in ReadKey.Split('.'))
        {
            if (actual.ValueKind != JsonValueKind.Object || !actual.TryGetProperty(part, out actual))
            {
                return false;
            }
        }

        return Compare switch
        {
            FieldCompare.Text => actual.ValueKind == JsonValueKind.String && actual.GetString() == Expected.GetValue<string>(),
            FieldCompare.Number => Number(actual) == Expected.GetValue<long>(),
            FieldCompare.Flag => actual.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.GetBoolean() == Expected.GetValue<bool>(),
            FieldCompare.Set => Strings(actual) is { } set && set.Order(StringComparer.Ordinal).SequenceEqual(ExpectedStrings().Order(StringComparer.Ordinal)),
            FieldCompare.Sequence => Strings(actual) is { } list && list.SequenceEqual(ExpectedStrings()),
            _ => false,
        };
    }

    private IEnumerable<string> ExpectedStrings() => ((JsonArray)Expected).Select(n => n!.GetValue<string>());

    /// <summary>A number, or a string of digits (some plugins answer TTLs as strings).</summary>
    private static long? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.Number => (long)value.GetDouble(),
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>A list of strings; Vault's comma-separated string form counts too; null or absent is the empty list.</summary>
    private static List<string>? Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => [.. value.EnumerateArray().Select(e => e.GetString()!)],
        JsonValueKind.String => [.. value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        JsonValueKind.Null => [],
        _ => null,
    };
}
