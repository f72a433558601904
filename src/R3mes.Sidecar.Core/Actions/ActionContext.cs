using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions;

/// <summary>What an action factory gets: the action's section, its name, and where to report problems.</summary>
public sealed record ActionContext(IConfigurationSection Section, string Name, string BaseDirectory, ConfigErrors Errors)
{
    public string Path => ConfigPath.Of(Section);
}
