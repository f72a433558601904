using System.Globalization;
using R3mes.Sidecar.Configuration;
using YamlDotNet.RepresentationModel;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// One mapping of the bootstrap file with its key path (<c>services.backend.approle</c>): typed getters that report
/// a wrong shape or value at its path, and <see cref="Done"/>, which reports every key no getter asked for.
/// </summary>
internal sealed class SpecNode
{
    private readonly YamlMappingNode _node;
    private readonly ConfigErrors _errors;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public SpecNode(YamlMappingNode node, string path, ConfigErrors errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string At(string key) =>
        key.Length == 0 ? Path :
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? ConfigPath.Child(Path, key) : $"{Path}[\"{key}\"]";

    public void Error(string key, string message) => _errors.Add(At(key), message);

    public bool Has(string key) => Find(key) is not null;

    public string? Str(string key, bool required = false)
    {
        var node = Take(key);
        switch (node)
        {
            case null when required:
                _errors.Add(At(key), "required");
                return null;
            case null:
                return null;
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case YamlScalarNode:
                _errors.Add(At(key), "must not be empty");
                return null;
            default:
                _errors.Add(At(key), "must be a single value, not a list or mapping");
                return null;
        }
    }

    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var text = Str(key);
        if (text is null)
        {
            return fallback;
        }

        if (R3mes.Sidecar.Configuration.Duration.TryParse(text, out var value) && value >= TimeSpan.Zero && value.TotalSeconds == Math.Floor(value.TotalSeconds))
        {
            return value;
        }

        _errors.Add(At(key), $"'{text}' is not a duration in whole seconds; {R3mes.Sidecar.Configuration.Duration.Help}");
        return fallback;
    }

    public bool Bool(string key, bool fallback)
    {
        var text = Str(key);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _errors.Add(At(key), $"'{text}' is not true or false");
        return fallback;
    }

    public int Int(string key, int fallback, int min = 0)
    {
        var text = Str(key);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        _errors.Add(At(key), $"'{text}' is not a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}");
        return fallback;
    }

    /// <summary>A list of plain values; a single value counts as a list of one.</summary>
    public IReadOnlyList<string> List(string key)
    {
        switch (Take(key))
        {
            case null:
                return [];
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return [value];
            case YamlSequenceNode sequence:
                var items = new List<string>();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (sequence.Children[i] is YamlScalarNode { Value: { Length: > 0 } item })
                    {
                        items.Add(item);
                    }
                    else
                    {
                        _errors.Add($"{At(key)}[{i.ToString(CultureInfo.InvariantCulture)}]", "must be a non-empty single value");
                    }
                }

                return items;
            default:
                _errors.Add(At(key), "must be a list of values");
                return [];
        }
    }

    public SpecNode? Map(string key)
    {
        switch (Take(key))
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new SpecNode(mapping, At(key), _errors);
            default:
                _errors.Add(At(key), "must be a mapping");
                return null;
        }
    }

    /// <summary>The raw node under <paramref name="key"/> (for keys that take several shapes), marked as asked.</summary>
    public YamlNode? Raw(string key) => Take(key);

    /// <summary>The entries of this mapping in file order, every key marked as asked.</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries()
    {
        foreach (var (keyNode, value) in _node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            _asked.Add(key);
            yield return (key, value);
        }
    }

    /// <summary>Reports keys nobody asked for (unknown keys are errors, as in the sidecar's configuration).</summary>
    public void Done()
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!_asked.Contains(key))
            {
                _errors.Add(At(key), $"unknown key (known: {string.Join(", ", _asked.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private YamlNode? Take(string key)
    {
        _asked.Add(key);
        return Find(key);
    }

    /// <summary>The value under <paramref name="key"/>; a plain null (<c>key:</c>, <c>~</c>, <c>null</c>) counts as absent.</summary>
    private YamlNode? Find(string key) =>
        _node.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key).Value switch
        {
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
            var value => value,
        };
}
