using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Client;

/// <summary><c>wrap_info</c> of a wrapped response, or <c>data</c> of <c>sys/wrapping/lookup</c>.</summary>
internal sealed class VaultWrapInfo
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("accessor")]
    public string? Accessor { get; set; }

    [JsonPropertyName("ttl")]
    public long Ttl { get; set; }

    [JsonPropertyName("creation_time")]
    public string? CreationTime { get; set; }

    [JsonPropertyName("creation_path")]
    public string? CreationPath { get; set; }

    [JsonPropertyName("creation_ttl")]
    public long CreationTtl { get; set; }
}
