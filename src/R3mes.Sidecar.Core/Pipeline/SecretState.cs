namespace R3mes.Sidecar.Pipeline;

/// <summary>Where a secret stands, for <c>/status</c>. Only <see cref="Pending"/>, <see cref="Failing"/> and <see cref="Expired"/> make a required secret not ready.</summary>
public enum SecretState
{
    /// <summary>Not rendered yet, no attempt has failed.</summary>
    Pending,

    /// <summary>Rendered, and the last refresh succeeded.</summary>
    Ok,

    /// <summary>Rendered and within its known expiry, but the last refresh failed: the files keep their last good value.</summary>
    Stale,

    /// <summary>Never rendered, and attempts have failed.</summary>
    Failing,

    /// <summary>Rendered, but the value is past its known expiry (a lease or certificate that could not be renewed).</summary>
    Expired,
}
