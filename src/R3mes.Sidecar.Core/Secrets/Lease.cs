namespace R3mes.Sidecar.Secrets;

/// <summary>A backend lease on a value: its id (not secret), its duration from issue, and whether it renews.</summary>
public sealed record Lease(string Id, TimeSpan Duration, bool Renewable, DateTimeOffset IssuedAt)
{
    public DateTimeOffset ExpiresAt => IssuedAt + Duration;
}
