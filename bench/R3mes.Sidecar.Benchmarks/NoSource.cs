using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

/// <summary>A spec needs a source; rendering never calls it.</summary>
internal sealed class NoSource : ISecretSource
{
    public string Description => "none";

    public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
}
