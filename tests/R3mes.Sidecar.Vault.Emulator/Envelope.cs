using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// Vault's response envelope: all nine keys always present, in struct order (sdk/logical/translate_response.go),
/// with map keys sorted like Go's encoding/json.
/// </summary>
internal static class Envelope
{
    public static JsonObject Create(
        JsonNode? data = null,
        JsonObject? auth = null,
        string leaseId = "",
        bool renewable = false,
        long leaseDuration = 0,
        JsonArray? warnings = null,
        JsonObject? wrapInfo = null,
        string mountType = "") => new()
        {
            ["request_id"] = wrapInfo is null ? Guid.NewGuid().ToString() : "",
            ["lease_id"] = leaseId,
            ["renewable"] = renewable,
            ["lease_duration"] = leaseDuration,
            ["data"] = Sorted(data),
            ["wrap_info"] = wrapInfo,
            ["warnings"] = warnings,
            ["auth"] = auth,
            ["mount_type"] = mountType,
        };

    public static JsonObject Errors(params string[] errors) => new() { ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]) };

    /// <summary>Go sorts map keys when it marshals; nested maps too.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(n => Sorted(n?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    public static JsonObject Auth(EmulatorToken token, TimeSpan ttl, IReadOnlyDictionary<string, string>? metadata) => new()
    {
        ["client_token"] = token.Id,
        ["accessor"] = token.Accessor,
        ["policies"] = new JsonArray([.. token.Policies.Select(p => (JsonNode)p)]),
        ["token_policies"] = new JsonArray([.. token.Policies.Select(p => (JsonNode)p)]),
        ["metadata"] = metadata is null ? null : Sorted(new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)))),
        ["lease_duration"] = (long)ttl.TotalSeconds,
        ["renewable"] = token.Renewable,
        ["entity_id"] = "",
        ["token_type"] = "service",
        ["orphan"] = token.Orphan,
        ["mfa_requirement"] = null,
        ["num_uses"] = 0,
    };
}
