using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>A source whose next fetch returns <see cref="Data"/>, or throws <see cref="Failure"/> when set.</summary>
internal sealed class FakeSecretSource : ISecretSource
{
    public SecretData Data { get; set; } = new(null, null, Freshness.Unknown);

    public Exception? Failure { get; set; }

    public int Fetches { get; private set; }

    public string Description => "fake";

    public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        Fetches++;
        return Failure is null ? ValueTask.FromResult(Data) : ValueTask.FromException<SecretData>(Failure);
    }

    public void SetFields(params (string Name, string Value)[] fields) =>
        Data = new SecretData(null, fields.ToDictionary(f => f.Name, f => SecretValue.FromUtf8(f.Value), StringComparer.Ordinal), Freshness.Unknown);
}
