using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Plan;

/// <summary>A plugin that owns a top-level configuration section (<c>vault:</c>, <c>aws:</c>) and validates it.</summary>
public interface IConfigSectionOwner
{
    string Section { get; }

    void Validate(IConfigurationSection section, ConfigErrors errors);
}
