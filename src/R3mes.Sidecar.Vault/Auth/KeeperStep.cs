namespace R3mes.Sidecar.Vault.Auth;

/// <summary>What the <see cref="VaultTokenKeeper"/> does at its next due time.</summary>
internal enum KeeperStep
{
    /// <summary>Get a token: the session's, or a new login replacing the stale one.</summary>
    Acquire,

    /// <summary>Renew the kept token.</summary>
    Renew,

    /// <summary>After a failed renewal's backoff: plan the next renewal from what is left of the token.</summary>
    Replan,

    /// <summary>Renewing no longer extends the token (max TTL, or not renewable): log in again.</summary>
    RenewalOver,

    /// <summary>A token without expiry: nothing to do until someone logs in again.</summary>
    Parked,
}
