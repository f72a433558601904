using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Plan;

/// <summary>Reads <c>secrets:</c>: names, sources (made by the factory of their kind), files and actions.</summary>
public sealed class SecretSpecReader(IEnumerable<ISecretSourceFactory> factories, FileSpecReader files)
{
    private static readonly string[] CommonSourceKeys = ["key"];
    private readonly Dictionary<string, ISecretSourceFactory> _factories = ByKind(factories);

    public IReadOnlyList<SecretSpec> Read(
        IConfiguration root,
        OutputSpec output,
        IReadOnlyDictionary<string, ActionSpec> actions,
        string baseDirectory,
        ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(actions);
        var section = root.GetSection("secrets");
        ArgumentNullException.ThrowIfNull(errors);
        var specs = new List<SecretSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fileOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!section.GetChildren().Any())
        {
            errors.Add("secrets", "no secrets configured: add at least one entry with name, source and files");
        }

        foreach (var entry in section.GetChildren())
        {
            var path = ConfigPath.Of(entry);
            var options = ConfigBinding.Bind(entry, SecretOptions.Keys, errors, s => s.Get<SecretOptions>());
            var name = options.Name ?? "";
            if (!IsName(name))
            {
                errors.Add($"{path}.name", name.Length == 0 ? "every secret needs a name" : $"'{name}' is not a name (letters, digits, '_', '-')");
            }
            else if (!names.Add(name))
            {
                errors.Add($"{path}.name", $"'{name}' is used by another secret: names must be unique");
            }

            var source = ReadSource(entry.GetSection("source"), name, root, baseDirectory, errors, out var key, out var defaultRefresh);
            var fileSpecs = files.Read(entry.GetSection("files"), output, errors);
            foreach (var file in fileSpecs)
            {
                if (!fileOwners.TryAdd(file.Name, name))
                {
                    errors.Add($"{path}.files.{file.Name}", $"secret '{fileOwners[file.Name]}' already writes {file.Name}: each file has one secret");
                }
            }

            if (entry.GetSection("on_change").Value is { } single)
            {
                errors.Add($"{path}.on_change", $"'{single}' is not a list: write on_change: [{single}]");
            }

            foreach (var (action, index) in options.OnChange.Select((a, i) => (a, i)))
            {
                if (action is null)
                {
                    errors.Add($"{path}.on_change[{index}]", "is empty: name an action");
                }
                else if (!actions.ContainsKey(action))
                {
                    errors.Add($"{path}.on_change[{index}]", ConfigKeys.Unknown("action", action, actions.Keys.ToArray()));
                }
            }

            var update = UpdatePolicy.Always;
            if (options.Update is { } text && !OptionValues.TryParseName(text, out update))
            {
                errors.Add($"{path}.update", $"'{text}' is not an update policy (known: always, never)");
            }

            var refresh = OptionValues.Duration(options.Refresh, $"{path}.refresh", defaultRefresh, errors);
            var allowEmpty = false;
            if (options.AllowEmpty is { } allow && !bool.TryParse(allow, out allowEmpty))
            {
                errors.Add($"{path}.allow_empty", $"'{allow}' is not true or false (allow_empty: true lets this secret write an empty file; by default an empty value is refused and the last good file kept)");
            }

            if (source is not null)
            {
                specs.Add(new SecretSpec(name, source, key, fileSpecs, options.OnChange, update, options.Required ?? true, refresh, allowEmpty));
            }
        }

        return specs;
    }

    private ISecretSource? ReadSource(IConfigurationSection section, string secret, IConfiguration root, string baseDirectory, ConfigErrors errors, out string? key, out TimeSpan defaultRefresh)
    {
        key = section["key"];
        defaultRefresh = TimeSpan.FromMinutes(5);
        var path = ConfigPath.Of(section);
        var kinds = section.GetChildren().Where(c => _factories.ContainsKey(c.Key)).ToArray();
        if (kinds.Length != 1)
        {
            errors.Add(path, kinds.Length == 0
                ? $"name exactly one source kind (known: {string.Join(", ", _factories.Keys.Order(StringComparer.Ordinal))}), e.g. source: {{ file: docker/secrets }}"
                : $"more than one source kind ({string.Join(", ", kinds.Select(k => k.Key))}): a secret has one source");
            return null;
        }

        var factory = _factories[kinds[0].Key];
        defaultRefresh = factory.DefaultRefresh;
        ConfigKeys.RejectUnknown(section, [factory.Kind, .. CommonSourceKeys, .. factory.OptionKeys], errors);
        return factory.Create(new SourceContext(section, kinds[0].Value ?? "", baseDirectory, errors, root, secret));
    }

    internal static bool IsName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    internal static Dictionary<string, T> ByKind<T>(IEnumerable<T> items, Func<T, string> kind)
    {
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (!result.TryAdd(kind(item), item))
            {
                throw new InvalidOperationException($"two plugins are registered for kind '{kind(item)}'");
            }
        }

        return result;
    }

    private static Dictionary<string, ISecretSourceFactory> ByKind(IEnumerable<ISecretSourceFactory> factories) =>
        ByKind(factories, f => f.Kind);
}
