using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>The <c>auth</c> block of a login or renew-self response.</summary>
internal sealed class VaultAuthBlock
{
    [JsonPropertyName("client_token")]
    public string? ClientToken { get; set; }

    [JsonPropertyName("accessor")]
    public string? Accessor { get; set; }

    [JsonPropertyName("policies")]
    public List<string>? Policies { get; set; }

    [JsonPropertyName("lease_duration")]
    public long LeaseDuration { get; set; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; set; }

    [JsonPropertyName("orphan")]
    public bool Orphan { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }
}
