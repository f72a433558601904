using System.Text;
using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Core.Tests.Output;

namespace R3mes.Sidecar.Core.Tests.Configuration;

/// <summary>
/// Red-team finding "configuration parser denial of service" (issue 15): deep nesting overflowed the stack, an
/// alias bomb parsed for minutes, and nothing bounded the file's size. Each limit is an error with a position.
/// </summary>
public sealed class ConfigurationParserDosTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Yaml_NestedSixtyThousandDeep_RefusedAtTheDepthLimit()
    {
        var yaml = "a: " + new string('[', 60_000) + new string(']', 60_000) + "\n";

        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load(yaml));

        Assert.Equal($"configuration error at line 1, column {ConfigLimits.MaxDepth + 3}: {ConfigLimits.TooDeep}", error.Message);
    }

    [Fact]
    public void Yaml_NestedAtTheLimit_Accepted()
    {
        // The root mapping is one level; 63 sequences more make 64.
        var yaml = "a: " + new string('[', ConfigLimits.MaxDepth - 1) + "x" + new string(']', ConfigLimits.MaxDepth - 1) + "\n";

        var config = YamlText.Load(yaml);

        Assert.Equal("x", config["a" + string.Concat(Enumerable.Repeat(":0", ConfigLimits.MaxDepth - 1))]);
    }

    [Fact]
    public void Yaml_AliasBomb_RefusedAtTheFirstAlias()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i <= 7; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        }

        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load(string.Join('\n', lines)));

        Assert.Equal("configuration error at line 2, column 10: YAML aliases (*name) are not supported: write the value out in full", error.Message);
    }

    [Fact]
    public void Yaml_SingleAlias_Refused() =>
        Assert.Contains("aliases", Assert.Throws<ConfigurationException>(() => YamlText.Load("a: &x 1\nb: *x\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void Yaml_LargerThanTheLimit_RefusedWithoutParsing()
    {
        var path = _dir.File("sidecar.yaml");
        File.WriteAllText(path, "# " + new string('x', ConfigLimits.MaxFileBytes) + "\n");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfiguration(path).Build());

        Assert.Equal("configuration file 'sidecar.yaml' is larger than 4 MiB, the limit: a sidecar configuration is a few kilobytes; check the path", error.Message);
    }

    [Fact]
    public void Yaml_ExactlyTheLimit_Accepted()
    {
        var path = _dir.File("sidecar.yaml");
        var head = "listen: 127.0.0.1:1\n# ";
        File.WriteAllText(path, head + new string('x', ConfigLimits.MaxFileBytes - head.Length - 1) + "\n");

        Assert.Equal("127.0.0.1:1", new ConfigurationBuilder().AddSidecarConfiguration(path).Build()["listen"]);
    }

    [Fact]
    public void Json_NestedSixtyThousandDeep_RefusedAtTheDepthLimit()
    {
        var path = _dir.File("sidecar.json");
        File.WriteAllText(path, "{\n\"a\": " + new string('[', 60_000) + new string(']', 60_000) + "}\n");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfiguration(path).Build());

        Assert.Equal($"configuration error at line 2: {ConfigLimits.TooDeep}", error.Message);
    }

    [Fact]
    public void Json_LargerThanTheLimit_Refused()
    {
        var path = _dir.File("sidecar.json");
        File.WriteAllText(path, "{\"a\": \"" + new string('x', ConfigLimits.MaxFileBytes) + "\"}");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfiguration(path).Build());

        Assert.StartsWith("configuration file 'sidecar.json' is larger than 4 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_DuplicateSequenceEntryThroughAColonKey_Refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("a: [x]\n\"a:0\": y\n"));

        Assert.Contains("duplicate key 'a[0]'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_SecondDocument_Refused() =>
        Assert.Contains("more than one YAML document", Assert.Throws<ConfigurationException>(() => YamlText.Load("a: 1\n---\nb: 2\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void Yaml_ComplexKey_Refused() =>
        Assert.Contains("keys must be plain text", Assert.Throws<ConfigurationException>(() => YamlText.Load("? [a, b]\n: c\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void Yaml_EmptyRootSequence_SameAsBefore() =>
        Assert.True(YamlText.Load("[]").Providers.Single().TryGet("", out var value) && value is null);

    [Fact]
    public void GetChildren_Indexed_SameAnswersAsTheStandardProvider()
    {
        var yaml = new StringBuilder("output: { dir: out }\nsecrets:\n");
        for (var i = 0; i < 12; i++)
        {
            yaml.Append(Entry(i)).Append('\n');
        }

        yaml.Append("actions: { b: { command: [x, y] }, a: { signal: HUP, process: { name: n } }, e: {} }\nlisten: x\n");
        var indexed = YamlText.Load(yaml.ToString());
        var data = indexed.AsEnumerable().ToDictionary(p => p.Key, p => p.Value);
        var standard = new ConfigurationBuilder().AddInMemoryCollection(data).Build();

        foreach (var path in data.Keys.Append("secrets:11:files").Append("nope"))
        {
            Assert.Equal(Children(standard.GetSection(path)), Children(indexed.GetSection(path)));
        }

        Assert.Equal(standard.GetChildren().Select(c => c.Key), indexed.GetChildren().Select(c => c.Key));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), indexed.GetSection("secrets").GetChildren().Select(c => c.Key));

        static string Entry(int i) => $"  - {{ name: s{i}, source: {{ file: d }}, files: {{ f{i}: {{}}, g{i}: \"{{{{ value }}}}\" }}, on_change: [a, b] }}";
        static string[] Children(IConfigurationSection section) => [.. section.GetChildren().Select(c => $"{c.Path}={c.Value}")];
    }
}
