using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Fuzz.Tests.Targets;

namespace R3mes.Sidecar.Fuzz.Tests.Regressions;

/// <summary>Crashes the fuzz targets found, each pinned by the input that found it (reduced).</summary>
public sealed class FuzzFindingTests
{
    /// <summary>
    /// Fuzz finding (configuration JSON, seed 20261215): an inline JSON configuration with a key given twice made
    /// the JSON provider throw FormatException at Build(), outside what <c>check</c>/<c>run</c> report as a
    /// configuration error — an unhandled exception instead of exit 2 with the key.
    /// </summary>
    [Fact]
    public void FuzzFinding_InlineJsonDuplicateKey_IsAConfigurationErrorNamingTheKey()
    {
        var e = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder()
            .AddSidecarConfigurationText("""{"secrets": [{"name": "db", "files": {"url": "a", "url": "b"}}]}""", "R3MES_SIDECAR_CONFIG_INLINE")
            .Build());

        Assert.StartsWith("R3MES_SIDECAR_CONFIG_INLINE is not a valid configuration", e.Message, StringComparison.Ordinal);
        Assert.Contains("secrets:0:files:url", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fuzz finding (bench/fuzz.sh, run seed 1913817915): a lone surrogate escape in an inline JSON value made the
    /// JSON provider throw InvalidOperationException — again an unhandled exception instead of exit 2.
    /// </summary>
    [Fact]
    public void FuzzFinding_InlineJsonLoneSurrogate_IsAConfigurationError()
    {
        var e = Assert.Throws<ConfigurationException>(() => new ConfigurationBuilder()
            .AddSidecarConfigurationText("{\"output\": {\"dir\": \"/a\\ud800\"}}", "R3MES_SIDECAR_CONFIG_INLINE").Build());

        Assert.StartsWith("R3MES_SIDECAR_CONFIG_INLINE is not a valid configuration", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fuzz finding (bench/fuzz.sh, run seed 1913817915): the Vault proxy forwarded <c>/v1/..#/sys</c> — a <c>..</c>
    /// segment hidden behind a fragment mark, which a URL parser resolves to <c>/</c>, outside <c>/v1/</c>.
    /// </summary>
    [Fact]
    public void FuzzFinding_VaultProxyDotSegmentBeforeFragment_IsRefused() =>
        Assert.Equal(FuzzOutcome.Refused, new VaultProxyRuleTarget().Run("/v1/..#/sys"u8.ToArray()));

    /// <summary>
    /// Fuzz finding (AFL, bench/afl.sh, configuration YAML, input <c>!!bin]ry \xd6</c>): a tag that is not a valid URI
    /// made YamlDotNet's parser throw ArgumentException, which the YAML provider let through — <c>check</c> and
    /// <c>run</c> died with a stack trace instead of exit 2 and a position.
    /// </summary>
    [Theory]
    [InlineData("!!bin]ry x")]
    [InlineData("output: !!bin]ry /a")]
    public void FuzzFinding_YamlTagNotAUri_IsAConfigurationError(string yaml)
    {
        var e = Assert.Throws<ConfigurationException>(() => YamlConfigurationProvider.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(yaml))));

        Assert.StartsWith("configuration is not valid YAML near line ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("a tag (!name) or anchor (&name) is not valid", e.Message, StringComparison.Ordinal);
        Assert.Equal(FuzzOutcome.Refused, FuzzVerdict.Of(new ConfigurationTarget(json: false), [.. "!!bin]ry "u8, 0xd6]));
    }

    /// <summary>
    /// The same YAML tag, in the file <c>vault bootstrap -f</c> reads (not a fuzz target: found by looking for the
    /// AFL finding's pattern): YamlDotNet's ArgumentException went through the bootstrap reader the same way.
    /// </summary>
    [Fact]
    public void FuzzFinding_YamlTagNotAUri_InTheBootstrapFile_IsAConfigurationError()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            R3mes.Sidecar.Vault.Bootstrap.BootstrapReader.Parse("vault: !!bin]ry x", "/tmp"));

        Assert.StartsWith("the bootstrap file is not valid YAML", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fuzz finding (AFL, bench/afl.sh, configuration JSON): a null entry in a secret's <c>on_change</c> list made the
    /// plan builder throw ArgumentNullException (a dictionary lookup of a null action name) instead of a
    /// configuration error naming the key.
    /// </summary>
    [Fact]
    public void FuzzFinding_NullOnChangeEntry_IsAConfigurationError()
    {
        var json = """{"output": {"dir": "out"}, "secrets": [{"name": "db", "source": {"file": "secrets"}, "files": {"a": "b"}, "on_change": [null]}]}"""u8.ToArray();

        Assert.Equal(FuzzOutcome.Refused, FuzzVerdict.Of(new ConfigurationTarget(json: true), json));
    }

    [Fact]
    public void InlineJson_EmptyObjectsAndNulls_KeepTheirKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddSidecarConfigurationText("""{"actions": {}, "listen": null, "output": {"dir": "/a"}}""", "inline").Build();

        Assert.True(configuration.GetSection("actions").Exists() || configuration.AsEnumerable().Any(p => p.Key == "actions"));
        Assert.Equal("/a", configuration["output:dir"]);
    }

    /// <summary>
    /// Fuzz finding (admission review bodies, seed 20261215): a pod whose <c>metadata.name</c> holds bytes that are
    /// not UTF-8 made <c>AdmissionHandler.Handle</c> throw InvalidOperationException while naming the pod for the
    /// log — after the decision, outside its guards — so the webhook answered no AdmissionReview at all.
    /// </summary>
    [Theory]
    [InlineData("name")]
    [InlineData("generateName")]
    public void FuzzFinding_AdmissionPodNameNotUtf8_StillAnswersAReview(string field)
    {
        using var target = new AdmissionTarget();
        byte[] body =
        [
            .. System.Text.Encoding.UTF8.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u-1\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"namespace\":\"r3mes\",\"operation\":\"CREATE\",\"object\":{\"metadata\":{\""),
            .. System.Text.Encoding.UTF8.GetBytes(field), .. "\":\"web-"u8, 0xff, 0x83, .. "\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1\"}]}}}}"u8,
        ];

        Assert.Equal(FuzzOutcome.Accepted, target.Run(body));
    }
}
