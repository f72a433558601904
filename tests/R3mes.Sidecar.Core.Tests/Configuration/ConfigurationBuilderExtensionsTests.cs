using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Core.Tests.Output;

namespace R3mes.Sidecar.Core.Tests.Configuration;

public sealed class ConfigurationBuilderExtensionsTests : IDisposable
{
    private const string Yaml = """
        output: { dir: /run/secrets, mode: "0600", uid: 1000 }
        secrets:
          - name: redis
            source: { env: REDIS_PASSWORD }
            files: { redis_password: {} }
            on_change: [backend]
        """;

    private const string Json = """
        {
          "output": { "dir": "/run/secrets", "mode": "0600", "uid": 1000 },
          "secrets": [
            { "name": "redis", "source": { "env": "REDIS_PASSWORD" }, "files": { "redis_password": {} }, "on_change": ["backend"] }
          ]
        }
        """;

    private readonly TempDirectory _dir = TempDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddSidecarConfiguration_YamlAndJson_SameKeysAndValues()
    {
        File.WriteAllText(_dir.File("sidecar.yaml"), Yaml);
        File.WriteAllText(_dir.File("sidecar.json"), Json);

        var yaml = Flatten(new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("sidecar.yaml")).Build());
        var json = Flatten(new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("sidecar.json")).Build());

        Assert.Equal(json, yaml);
        Assert.Contains(new KeyValuePair<string, string?>("secrets:0:files:redis_password", null), yaml);
        Assert.Contains(new KeyValuePair<string, string?>("output:mode", "0600"), yaml);
    }

    [Fact]
    public void AddSidecarConfiguration_MissingFile_ConfigurationExceptionWithFix()
    {
        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("nope.yaml")));

        Assert.Contains("nope.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("--config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidYamlFile_ConfigurationExceptionWithLine()
    {
        File.WriteAllText(_dir.File("sidecar.yaml"), "output:\n  dir: /a\n  dir: /b\n");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("sidecar.yaml")).Build());

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidJsonFile_ConfigurationExceptionNamingFile()
    {
        File.WriteAllText(_dir.File("sidecar.json"), "{ \"output\": { \"dir\": /a } }");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("sidecar.json")).Build());

        Assert.Contains("sidecar.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSidecarConfigurationText_YamlAndJson_SameKeysAsTheFile()
    {
        File.WriteAllText(_dir.File("sidecar.yaml"), Yaml);
        var file = Flatten(new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("sidecar.yaml")).Build());

        var yaml = Flatten(new ConfigurationBuilder().AddSidecarConfigurationText(Yaml, "inline").Build());
        var json = Flatten(new ConfigurationBuilder().AddSidecarConfigurationText("  " + Json, "inline").Build());

        Assert.Equal(file, yaml);
        Assert.Equal(file, json);
    }

    [Fact]
    public void AddSidecarConfigurationText_NotJson_IsAConfigurationErrorNamingTheOrigin()
    {
        var e = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder().AddSidecarConfigurationText("{ \"output\": ", "R3MES_SIDECAR_CONFIG_INLINE"));

        Assert.StartsWith("R3MES_SIDECAR_CONFIG_INLINE is not valid JSON", e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Flatten(IConfiguration configuration) =>
        configuration.AsEnumerable().Where(p => !p.Key.StartsWith("R3MES_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
