using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>
/// Runs a source-generated bind (the lambda keeps the call site concrete so the generator intercepts it) and
/// turns a conversion failure into a configuration error instead of a stack trace.
/// </summary>
public static class ConfigBinding
{
    public static T Bind<T>(IConfigurationSection section, IReadOnlyCollection<string> knownKeys, ConfigErrors errors, Func<IConfigurationSection, T?> bind)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(bind);
        ConfigKeys.RejectUnknown(section, knownKeys, errors);
        try
        {
            return bind(section) ?? new T();
        }
        catch (InvalidOperationException e)
        {
            errors.Add(ConfigPath.Of(section), e.Message.Replace(section.Path, ConfigPath.Of(section), StringComparison.Ordinal));
            return new T();
        }
    }
}
