using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// A Vault token and what Vault said about it. The token itself is a <see cref="SecretValue"/>; this type prints
/// only its accessor, which is what logs may carry.
/// </summary>
public sealed record VaultToken(SecretValue Value, string Accessor, TimeSpan Ttl, bool Renewable, DateTimeOffset ObtainedAt)
{
    /// <summary>Tokens with no TTL (root, some static tokens) never expire and are never renewed.</summary>
    public DateTimeOffset? ExpiresAt => Ttl > TimeSpan.Zero ? ObtainedAt + Ttl : null;

    /// <summary>
    /// The TTL to ask for at each renewal: the token's lifetime at login (or its <c>creation_ttl</c>), not what is
    /// left of it, so renewals do not shrink (Vault Agent does the same).
    /// </summary>
    public TimeSpan Increment { get; init; }

    /// <summary>A renewal granted less than was asked: the token has reached its max TTL and will not be extended.</summary>
    public bool Capped { get; init; }

    /// <summary>
    /// When the token dies for sure: its expiry once renewing cannot extend it (not renewable, or capped at max TTL);
    /// null while renewals still extend it, or for tokens that never expire. Leases are children of the token, so
    /// this is also their last moment (CONTRACT §6).
    /// </summary>
    public DateTimeOffset? HardExpiry => !Renewable || Capped ? ExpiresAt : null;

    public override string ToString() => $"token (accessor {(Accessor.Length == 0 ? "unknown" : Accessor)})";
}
