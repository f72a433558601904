using System.Globalization;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Plugins.Tests.Sources.Counter;

/// <summary>Returns <c>start</c>, then <c>start + 1</c>, … as the secret's value.</summary>
internal sealed class CounterSource(int start) : ISecretSource
{
    private int _fetches;

    public string Description => $"counter from {start}";

    public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        var value = start + Interlocked.Increment(ref _fetches) - 1;
        return ValueTask.FromResult(new SecretData(SecretValue.FromUtf8(value.ToString(CultureInfo.InvariantCulture)), null, Freshness.Unknown));
    }
}
