using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>The shape of <see cref="TokenState"/>'s file.</summary>
internal sealed class PersistedToken
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("accessor")]
    public string? Accessor { get; set; }
}
