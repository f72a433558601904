using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace R3mes.Sidecar.Configuration;

/// <summary>
/// Flattens a YAML document into configuration keys: mappings become sections, sequences become indexes, an
/// empty mapping or sequence becomes a key with a null value (so <c>redis_password: {}</c> still exists), and
/// scalars keep their text exactly (<c>0600</c> stays a string). Duplicate keys are errors.
/// </summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream) => Data = Parse(stream);

    /// <summary>The configuration keys of one YAML document (also used for the inline configuration text).</summary>
    public static Dictionary<string, string?> Parse(Stream stream)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(stream);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(
                $"configuration is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections.
            throw new ConfigurationException("configuration is not valid YAML: the parser stopped early; look for an unclosed '[' or '{'");
        }

        if (yaml.Documents.Count > 0)
        {
            Visit(yaml.Documents[0].RootNode, "", data);
        }

        return data;
    }

    private static void Visit(YamlNode node, string path, Dictionary<string, string?> data)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                if (mapping.Children.Count == 0 && path.Length > 0)
                {
                    data[path] = null;
                }

                foreach (var (keyNode, value) in mapping.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? throw Fail(keyNode, "keys must be plain text");
                    var childPath = path.Length == 0 ? key : ConfigurationPath.Combine(path, key);
                    if (data.Keys.Any(k => k.Equals(childPath, StringComparison.OrdinalIgnoreCase) ||
                                           k.StartsWith(childPath + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw Fail(keyNode, $"duplicate key '{ConfigPath.Display(childPath)}'");
                    }

                    Visit(value, childPath, data);
                }

                break;
            case YamlSequenceNode sequence:
                if (sequence.Children.Count == 0)
                {
                    data[path] = null;
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], ConfigurationPath.Combine(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), data);
                }

                break;
            case YamlScalarNode scalar:
                data[path] = IsNull(scalar) ? null : scalar.Value;
                break;
            default:
                throw Fail(node, "unsupported YAML node");
        }
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static ConfigurationException Fail(YamlNode node, string message) =>
        new($"configuration error at line {node.Start.Line}, column {node.Start.Column}: {message}");
}
