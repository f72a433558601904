using Microsoft.Extensions.Configuration;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets.Configuration;

/// <summary>Settings captured when the source was added; each build gets its own provider.</summary>
internal sealed class SecretsConfigurationSource(
    SecretWatchSettings settings, string keyPrefix, bool optional, bool trimTrailingNewline, bool reloadOnChange)
    : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) =>
        new SecretsConfigurationProvider(settings, keyPrefix, optional, trimTrailingNewline, reloadOnChange);
}
