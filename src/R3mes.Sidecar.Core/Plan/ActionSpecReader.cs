using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Plan;

/// <summary>Reads <c>actions:</c>: each named action's kind (by its key), options and debounce window.</summary>
public sealed class ActionSpecReader(IEnumerable<IReloadActionFactory> factories)
{
    private const string OnFirstRenderKey = "on_first_render";
    private static readonly string[] CommonKeys = ["wait", OnFirstRenderKey];
    private readonly Dictionary<string, IReloadActionFactory> _factories = SecretSpecReader.ByKind(factories, f => f.Kind);

    public IReadOnlyDictionary<string, ActionSpec> Read(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(errors);
        var specs = new Dictionary<string, ActionSpec>(StringComparer.Ordinal);
        foreach (var entry in section.GetChildren())
        {
            var path = ConfigPath.Of(entry);
            if (!SecretSpecReader.IsName(entry.Key))
            {
                errors.Add(path, $"'{entry.Key}' is not an action name (letters, digits, '_', '-')");
                continue;
            }

            var kinds = entry.GetChildren().Where(c => _factories.ContainsKey(c.Key)).ToArray();
            if (kinds.Length != 1)
            {
                errors.Add(path, kinds.Length == 0
                    ? $"name exactly one action kind (known: {string.Join(", ", _factories.Keys.Order(StringComparer.Ordinal))})"
                    : $"more than one action kind ({string.Join(", ", kinds.Select(k => k.Key))}): split it into two actions");
                continue;
            }

            var factory = _factories[kinds[0].Key];
            ConfigKeys.RejectUnknown(entry, [factory.Kind, .. CommonKeys, .. factory.OptionKeys], errors);
            var wait = ReadWait(entry.GetSection("wait"), errors);
            var onFirstRender = ReadOnFirstRender(entry, errors);
            if (factory.Create(new ActionContext(entry, entry.Key, baseDirectory, errors)) is { } action)
            {
                specs[entry.Key] = new ActionSpec(entry.Key, action, wait, onFirstRender);
            }
        }

        return specs;
    }

    /// <summary><c>on_first_render: true</c> also runs the action for files this process created (default false).</summary>
    private static bool ReadOnFirstRender(IConfigurationSection entry, ConfigErrors errors)
    {
        var section = entry.GetSection(OnFirstRenderKey);
        if (!section.Exists())
        {
            return false;
        }

        if (bool.TryParse(section.Value, out var value))
        {
            return value;
        }

        errors.Add(ConfigPath.Of(section), $"'{section.Value}' is not true or false: on_first_render: true also runs the action when this start creates the files (the consumer may not exist yet)");
        return false;
    }

    private static Debounce ReadWait(IConfigurationSection section, ConfigErrors errors)
    {
        if (!section.Exists())
        {
            return Debounce.Default;
        }

        var path = ConfigPath.Of(section);
        var options = ConfigBinding.Bind(section, WaitOptions.Keys, errors, s => s.Get<WaitOptions>());
        var min = OptionValues.Duration(options.Min, $"{path}.min", Debounce.Default.Min, errors);
        var max = OptionValues.Duration(options.Max, $"{path}.max", min * 4 > Debounce.Default.Max ? min * 4 : Debounce.Default.Max, errors);
        if (max < min)
        {
            errors.Add($"{path}.max", $"max ({Duration.Format(max)}) is shorter than min ({Duration.Format(min)})");
        }

        return new Debounce(min, max);
    }
}
