using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Plan;

/// <summary>
/// A plugin that owns a top-level configuration section (<c>vault:</c>, <c>aws:</c>): it validates the section and
/// returns its settings, which the plan keeps (<see cref="SidecarPlan.Section{T}"/>). Called only when the
/// section exists.
/// </summary>
public interface IConfigSectionOwner
{
    string Section { get; }

    object? Read(IConfigurationSection section, string baseDirectory, ConfigErrors errors);
}
