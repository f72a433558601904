using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Endpoints;

/// <summary>One secret in <c>/status</c>: state (pending, ok, stale, failing, expired), last success, expiry, failures, last error — never a value.</summary>
internal sealed record SecretEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("last_success")] DateTimeOffset? LastSuccess,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("failures")] int Failures,
    [property: JsonPropertyName("failing_since")] DateTimeOffset? FailingSince,
    [property: JsonPropertyName("last_error")] string? LastError);
