using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>A source whose fetches succeed but whose <see cref="Watch"/> throws: an exception the secret loop does not expect.</summary>
internal sealed class ThrowingWatchSource : ISecretSource, IWatchableSource
{
    public string Description => "throwing watch";

    public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SecretData(SecretValue.FromUtf8("v"), null, Freshness.Unknown));

    public IDisposable Watch(Action changed) => throw new InvalidOperationException("watch exploded");
}
