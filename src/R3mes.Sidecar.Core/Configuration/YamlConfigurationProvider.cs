using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace R3mes.Sidecar.Configuration;

/// <summary>
/// Flattens a YAML document into configuration keys: mappings become sections, sequences become indexes, an
/// empty mapping or sequence becomes a key with a null value (so <c>redis_password: {}</c> still exists), and
/// scalars keep their text exactly (<c>0600</c> stays a string). Duplicate keys are errors.
/// </summary>
/// <remarks>
/// Reads YAML's event stream with an explicit stack, in one pass: no recursion (60,000 nested brackets once
/// overflowed the stack), nesting past <see cref="ConfigLimits.MaxDepth"/> and files past
/// <see cref="ConfigLimits.MaxFileBytes"/> are refused, and aliases (<c>*name</c>) are refused outright — expanding
/// them is how a few hundred bytes become billions of nodes. Work is linear in the size of the file.
/// </remarks>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    private ChildKeyIndex? _index;

    public override void Load(Stream stream)
    {
        Data = Parse(stream, Source.Path);
        _index = null;
    }

    /// <summary>The configuration keys of one YAML document (also used for the inline configuration text).</summary>
    public static Dictionary<string, string?> Parse(Stream stream, string? origin = null)
    {
        var text = ConfigLimits.ReadAll(stream, origin);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var reader = new StreamReader(new MemoryStream(text), Encoding.UTF8);
        var scanner = new Scanner(reader);
        try
        {
            Flatten(new Parser(scanner), data);
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
        catch (ArgumentException)
        {
            // YamlDotNet's parser throws this, without a position, for a tag or anchor name it cannot hold ("!!bin]ry",
            // a tag that is not a URI); the scanner has just read it.
            throw new ConfigurationException(
                $"configuration is not valid YAML near line {scanner.CurrentPosition.Line}, column {scanner.CurrentPosition.Column}: a tag (!name) or anchor (&name) is not valid");
        }

        return data;
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
        (_index ??= ChildKeyIndex.Build(Data.Keys)).GetChildKeys(earlierKeys, parentPath);

    public override void Set(string key, string? value)
    {
        base.Set(key, value);
        _index = null;
    }

    private static void Flatten(IParser parser, Dictionary<string, string?> data)
    {
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            return;
        }

        var stack = new List<Collection>();
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (!parser.TryConsume<DocumentEnd>(out _))
        {
            var current = parser.Consume<ParsingEvent>();
            var top = stack.Count == 0 ? null : stack[^1];
            switch (current)
            {
                case Scalar scalar when top is { IsMapping: true, Key: null }:
                    var childPath = top.Path.Length == 0 ? scalar.Value : ConfigurationPath.Combine(top.Path, scalar.Value);
                    if (!paths.Add(childPath))
                    {
                        throw Fail(scalar, $"duplicate key '{ConfigPath.Display(childPath)}'");
                    }

                    top.Key = childPath;
                    break;
                case Scalar scalar:
                    var valuePath = Claim(top, paths, current);
                    data[valuePath] = IsNull(scalar) ? null : scalar.Value;
                    top?.Advance();
                    break;
                case MappingStart or SequenceStart when top is { IsMapping: true, Key: null }:
                    throw Fail(current, "keys must be plain text");
                case MappingStart or SequenceStart when stack.Count >= ConfigLimits.MaxDepth:
                    throw Fail(current, ConfigLimits.TooDeep);
                case MappingStart or SequenceStart:
                    var path = Claim(top, paths, current);
                    stack.Add(new Collection(path, current is MappingStart));
                    break;
                case MappingEnd or SequenceEnd when top is not null:
                    stack.RemoveAt(stack.Count - 1);
                    if (top.Count == 0 && (!top.IsMapping || top.Path.Length > 0))
                    {
                        data[top.Path] = null;
                    }

                    if (stack.Count > 0)
                    {
                        stack[^1].Advance();
                    }

                    break;
                case AnchorAlias:
                    throw Fail(current, "YAML aliases (*name) are not supported: write the value out in full");
                default:
                    throw Fail(current, "unsupported YAML node");
            }
        }

        if (parser.Accept<DocumentStart>(out var next))
        {
            throw Fail(next, "more than one YAML document: a configuration is one document; remove the '---' and what follows");
        }
    }

    /// <summary>The value's path; a sequence entry claims it here (a mapping's key claimed it already).</summary>
    private static string Claim(Collection? top, HashSet<string> paths, ParsingEvent node)
    {
        var path = Slot(top);
        if (top is not { IsMapping: true } && !paths.Add(path))
        {
            throw Fail(node, $"duplicate key '{ConfigPath.Display(path)}'");
        }

        return path;
    }

    /// <summary>The path of the value that comes next: the pending key of a mapping, the next index of a sequence.</summary>
    private static string Slot(Collection? top) => top switch
    {
        null => "",
        { IsMapping: true } => top.Key!,
        _ => ConfigurationPath.Combine(top.Path, top.Count.ToString(CultureInfo.InvariantCulture)),
    };

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static ConfigurationException Fail(ParsingEvent node, string message) =>
        new($"configuration error at line {node.Start.Line}, column {node.Start.Column}: {message}");

    /// <summary>A mapping or sequence being read: its path, how many entries it has so far, a mapping's pending key.</summary>
    private sealed class Collection(string path, bool isMapping)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public string? Key { get; set; }

        public int Count { get; private set; }

        public void Advance()
        {
            Count++;
            Key = null;
        }
    }
}
