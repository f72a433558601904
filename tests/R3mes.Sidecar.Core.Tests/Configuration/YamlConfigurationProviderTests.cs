using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Core.Tests.Configuration;

public sealed class YamlConfigurationProviderTests
{
    [Fact]
    public void Load_NestedMappings_SectionKeys()
    {
        var config = YamlText.Load("""
            output:
              dir: /run/secrets
              require_tmpfs: true
            vault: { auth: { method: kubernetes, role: backend } }
            """);

        Assert.Equal("/run/secrets", config["output:dir"]);
        Assert.Equal("true", config["output:require_tmpfs"]);
        Assert.Equal("kubernetes", config["vault:auth:method"]);
        Assert.Equal("backend", config["vault:auth:role"]);
    }

    [Fact]
    public void Load_Sequences_IndexedKeys()
    {
        var config = YamlText.Load("""
            secrets:
              - name: postgres
                on_change: [backend, nginx]
              - name: tls
            actions:
              nginx: { command: [nginx, -s, reload] }
            """);

        Assert.Equal("postgres", config["secrets:0:name"]);
        Assert.Equal("nginx", config["secrets:0:on_change:1"]);
        Assert.Equal("tls", config["secrets:1:name"]);
        Assert.Equal(["nginx", "-s", "reload"], config.GetSection("actions:nginx:command").GetChildren().Select(c => c.Value));
    }

    [Fact]
    public void Load_EmptyMapping_KeyWithNullValue()
    {
        var config = YamlText.Load("files: { redis_password: {}, jwt_secret: \"{{ value }}\" }\nempty_list: []");

        Assert.True(config.Providers.Single().TryGet("files:redis_password", out var value));
        Assert.Null(value);
        Assert.Equal(["jwt_secret", "redis_password"], config.GetSection("files").GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.True(config.Providers.Single().TryGet("empty_list", out var list));
        Assert.Null(list);
    }

    [Theory]
    [InlineData("mode: \"0600\"", "0600")]
    [InlineData("mode: '0640'", "0640")]
    [InlineData("mode: 0600", "0600")]
    [InlineData("mode: 0o600", "0o600")]
    [InlineData("uid: 01000", "01000")]
    [InlineData("flag: yes", "yes")]
    [InlineData("text: \"null\"", "null")]
    [InlineData("text: ''", "")]
    public void Load_Scalars_KeepTheirTextExactly(string yaml, string expected)
    {
        var config = YamlText.Load(yaml);

        Assert.Equal(expected, config.GetChildren().Single().Value);
    }

    [Theory]
    [InlineData("text: ~")]
    [InlineData("text: null")]
    [InlineData("text:")]
    public void Load_PlainNull_NullValue(string yaml)
    {
        Assert.True(YamlText.Load(yaml).Providers.Single().TryGet("text", out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Load_MultiLineBlockScalar_KeptWithNewlines() =>
        Assert.Equal("line one\nline two\n", YamlText.Load("tpl: |\n  line one\n  line two\n")["tpl"]);

    [Fact]
    public void Load_DuplicateKey_ErrorNamesKeyAndLine()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("""
            output:
              dir: /a
              mode: "0600"
              dir: /b
            """));

        Assert.Contains("line 4, column 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate key 'output.dir'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKeyDifferingInCase_ErrorNamesKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("output: { dir: /a }\nOutput: { mode: \"0600\" }"));

        Assert.Contains("duplicate key 'Output'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_ErrorWithLine()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("output:\n  dir: /run/secrets\n  mode: \"0600\n"));

        Assert.StartsWith("configuration is not valid YAML at line 3, column 9: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadIndentation_ErrorWithLine()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("output:\n  dir: /x\n mode: y\n"));

        Assert.Matches(@"^configuration is not valid YAML at line 3, column \d+: ", error.Message);
    }

    [Fact]
    public void Load_TabIndentation_ErrorSaysTab()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("output:\n\tdir: /x\n"));

        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnclosedFlowSequence_ConfigurationException()
    {
        var error = Assert.Throws<ConfigurationException>(() => YamlText.Load("output:\n  dir: /run/secrets\nsecrets: [ { name: a }\nlisten: x\n"));

        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyDocument_NoKeys() => Assert.Empty(YamlText.Load("").GetChildren());
}
