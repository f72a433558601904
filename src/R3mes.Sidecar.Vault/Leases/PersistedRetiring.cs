using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>A replaced lease waiting for its revocation, as kept in <c>state_dir</c>.</summary>
internal sealed class PersistedRetiring
{
    [JsonPropertyName("lease_id")]
    public string LeaseId { get; set; } = "";

    [JsonPropertyName("revoke_at")]
    public DateTimeOffset RevokeAt { get; set; }
}
