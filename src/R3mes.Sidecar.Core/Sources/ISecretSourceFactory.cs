namespace R3mes.Sidecar.Sources;

/// <summary>
/// Makes sources of one kind from configuration. Registered in DI and found by <see cref="Kind"/>, the key that
/// names the kind in a secret's <c>source:</c> (<c>{ file: docker/secrets }</c>). Must not contact a backend:
/// <c>check</c> builds every source.
/// </summary>
public interface ISecretSourceFactory
{
    string Kind { get; }

    /// <summary>Keys this kind accepts in <c>source:</c> besides its own kind key and the common <c>key</c>.</summary>
    IReadOnlyCollection<string> OptionKeys { get; }

    /// <summary>How often to fetch when the secret sets no <c>refresh</c>; infinite for read-once sources.</summary>
    TimeSpan DefaultRefresh { get; }

    /// <summary>Returns the source, or null after adding the reasons to <see cref="SourceContext.Errors"/>.</summary>
    ISecretSource? Create(SourceContext context);
}
