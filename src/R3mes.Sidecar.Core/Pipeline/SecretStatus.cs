namespace R3mes.Sidecar.Pipeline;

/// <summary>What readiness, <c>/status</c> and metrics know about one secret. No values.</summary>
/// <param name="Backend">The source kind (<c>file</c>, <c>env</c>, <c>vault</c>, <c>aws</c>).</param>
/// <param name="Failures">Refreshes that failed since the last success.</param>
/// <param name="FailingSince">When the first of those failed.</param>
public sealed record SecretStatus(
    string Name,
    bool Required,
    bool Rendered,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? ExpiresAt,
    string? LastError,
    string Backend = "",
    int Failures = 0,
    DateTimeOffset? FailingSince = null)
{
    public bool IsExpired(DateTimeOffset now) => Rendered && ExpiresAt is { } expiry && expiry <= now;

    public SecretState State(DateTimeOffset now) => (Rendered, LastError) switch
    {
        (true, _) when IsExpired(now) => SecretState.Expired,
        (true, null) => SecretState.Ok,
        (true, _) => SecretState.Stale,
        (false, null) => SecretState.Pending,
        (false, _) => SecretState.Failing,
    };
}
