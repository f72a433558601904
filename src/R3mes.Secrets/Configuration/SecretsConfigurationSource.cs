using Microsoft.Extensions.Configuration;
using R3mes.Secrets.Reading;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets.Configuration;

/// <summary>Settings captured when the source was added; each build gets its own provider.</summary>
internal sealed class SecretsConfigurationSource(
    SecretWatchSettings settings, SecretLookup lookup, SecretsConfigurationLayout layout, bool optional, bool reloadOnChange)
    : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) =>
        new SecretsConfigurationProvider(settings, lookup, layout, optional, reloadOnChange);
}
