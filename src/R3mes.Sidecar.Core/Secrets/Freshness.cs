namespace R3mes.Sidecar.Secrets;

/// <summary>
/// How long a fetched value stays good, as the source knows it. The scheduler acts on it: a version to compare,
/// a lease to renew, an expiry to replace before, or a hint for the next check.
/// </summary>
public sealed record Freshness
{
    public static Freshness Unknown { get; } = new();

    /// <summary>A backend version (KV version, AWS version id, file mtime) — never derived from the value.</summary>
    public string? Version { get; init; }

    /// <summary>The lease the value belongs to, for sources that hand out leases.</summary>
    public Lease? Lease { get; init; }

    /// <summary>The instant the value stops working (lease or certificate end).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The source's own suggestion for the next check, overriding the secret's <c>refresh</c>.</summary>
    public TimeSpan? RefreshAfter { get; init; }
}
