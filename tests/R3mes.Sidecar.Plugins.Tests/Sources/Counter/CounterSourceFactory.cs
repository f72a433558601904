using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Plugins.Tests.Sources.Counter;

/// <summary><c>source: { counter: &lt;start&gt; }</c>: a value that counts up from <c>start</c> at every fetch (a demonstration source).</summary>
internal sealed class CounterSourceFactory : ISecretSourceFactory
{
    public string Kind => "counter";

    public IReadOnlyCollection<string> OptionKeys => [];

    public TimeSpan DefaultRefresh => TimeSpan.FromMinutes(1);

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!int.TryParse(context.Section[Kind], System.Globalization.CultureInfo.InvariantCulture, out var start))
        {
            context.Errors.Add($"{context.Path}.{Kind}", $"'{context.Section[Kind]}' is not a whole number, e.g. counter: 1");
            return null;
        }

        return new CounterSource(start);
    }
}
