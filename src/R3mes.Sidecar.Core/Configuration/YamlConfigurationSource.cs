using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>A YAML file as configuration keys, the same shape the JSON provider produces.</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}
