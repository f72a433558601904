using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// One leased secret as kept in <c>state_dir</c>: the lease, the token it belongs to, the values (the same values
/// are in the output files; state_dir is sidecar-only), and replaced leases still waiting for revocation.
/// </summary>
internal sealed class PersistedLease
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("lease_id")]
    public string LeaseId { get; set; } = "";

    [JsonPropertyName("parent_accessor")]
    public string ParentAccessor { get; set; } = "";

    [JsonPropertyName("issued_at")]
    public DateTimeOffset IssuedAt { get; set; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset ExpiresAt { get; set; }

    [JsonPropertyName("ttl_seconds")]
    public long TtlSeconds { get; set; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; set; }

    [JsonPropertyName("data")]
    public Dictionary<string, string> Data { get; set; } = [];

    [JsonPropertyName("retiring")]
    public List<PersistedRetiring> Retiring { get; set; } = [];
}
