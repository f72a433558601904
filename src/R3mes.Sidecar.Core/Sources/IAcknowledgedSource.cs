using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Sources;

/// <summary>
/// A source that must know when a value it returned is safely on disk: every file of the secret written. A leased
/// source revokes the previous lease only after that (CONTRACT §6: never before the replacement is written).
/// </summary>
public interface IAcknowledgedSource
{
    /// <summary>
    /// Called after every file rendered from <paramref name="data"/> was written (or found unchanged). Asynchronous so
    /// that a source waiting for its own lock (a lease keeper mid-renewal) never blocks a thread-pool thread.
    /// </summary>
    ValueTask WrittenAsync(SecretData data, CancellationToken cancellationToken);
}
