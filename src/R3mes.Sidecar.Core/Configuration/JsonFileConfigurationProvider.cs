using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;

namespace R3mes.Sidecar.Configuration;

/// <summary>
/// The standard JSON provider with the YAML provider's bounds: files past <see cref="ConfigLimits.MaxFileBytes"/>
/// and nesting past <see cref="ConfigLimits.MaxDepth"/> are refused (checked with a reader whose own limit sits
/// just above ours, before the file is flattened), and child keys come from an index instead of a scan.
/// </summary>
public sealed class JsonFileConfigurationProvider(JsonFileConfigurationSource source) : JsonConfigurationProvider(source)
{
    private ChildKeyIndex? _index;

    public override void Load(Stream stream)
    {
        var json = ConfigLimits.ReadAll(stream, Source.Path);
        CheckDepth(json, Source.Path);
        using (var bounded = new MemoryStream(json, writable: false))
        {
            base.Load(bounded);
        }

        _index = null;
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
        (_index ??= ChildKeyIndex.Build(Data.Keys)).GetChildKeys(earlierKeys, parentPath);

    public override void Set(string key, string? value)
    {
        base.Set(key, value);
        _index = null;
    }

    private static void CheckDepth(byte[] json, string? name)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = ConfigLimits.MaxDepth + 1,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= ConfigLimits.MaxDepth)
                {
                    var line = json.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n') + 1;
                    throw new ConfigurationException($"configuration error at line {line}: {ConfigLimits.TooDeep}");
                }
            }
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"configuration file '{name}' is not valid JSON: {e.Message}");
        }
    }
}
