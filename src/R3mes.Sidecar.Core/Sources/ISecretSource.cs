using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Sources;

/// <summary>
/// Where one secret comes from. A source only fetches; the scheduler decides when, from the returned
/// <see cref="Freshness"/>. Failures throw; the caller keeps the last good files.
/// </summary>
public interface ISecretSource
{
    /// <summary>For logs and <c>check</c>: kind and location, e.g. <c>file docker/secrets</c>. Never a value.</summary>
    string Description { get; }

    ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken);
}
