using System.Text.Json;
using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>Vault's response envelope (all nine keys; any may be null or absent in older versions or doc samples).</summary>
internal sealed class VaultEnvelope
{
    [JsonPropertyName("request_id")]
    public string? RequestId { get; set; }

    [JsonPropertyName("lease_id")]
    public string? LeaseId { get; set; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; set; }

    [JsonPropertyName("lease_duration")]
    public long LeaseDuration { get; set; }

    [JsonPropertyName("data")]
    public JsonElement Data { get; set; }

    [JsonPropertyName("wrap_info")]
    public VaultWrapInfo? WrapInfo { get; set; }

    [JsonPropertyName("warnings")]
    public List<string>? Warnings { get; set; }

    [JsonPropertyName("auth")]
    public VaultAuthBlock? Auth { get; set; }

    [JsonPropertyName("mount_type")]
    public string? MountType { get; set; }

    [JsonPropertyName("errors")]
    public List<string>? Errors { get; set; }

    public bool HasData => Data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
}
