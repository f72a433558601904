namespace R3mes.Sidecar.Pipeline;

/// <summary>What readiness and metrics know about one secret. No values.</summary>
public sealed record SecretStatus(
    string Name,
    bool Required,
    bool Rendered,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? ExpiresAt,
    string? LastError);
