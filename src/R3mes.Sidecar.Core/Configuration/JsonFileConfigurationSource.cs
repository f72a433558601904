using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace R3mes.Sidecar.Configuration;

/// <summary>A JSON configuration file read within <see cref="ConfigLimits"/> and indexed for linear validation.</summary>
public sealed class JsonFileConfigurationSource : JsonConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new JsonFileConfigurationProvider(this);
    }
}
