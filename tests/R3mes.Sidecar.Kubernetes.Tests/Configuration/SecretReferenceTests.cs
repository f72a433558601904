using R3mes.Sidecar.Kubernetes.Sources;

namespace R3mes.Sidecar.Kubernetes.Tests.Configuration;

/// <summary>Kubernetes' naming rules for the <c>kubernetes:</c> value: a namespace is a DNS label, a Secret name a DNS subdomain.</summary>
public sealed class SecretReferenceTests
{
    [Theory]
    [InlineData("r3mes/app", "r3mes", "app")]
    [InlineData("app", null, "app")]
    [InlineData("kube-system/tls.r3mes.io", "kube-system", "tls.r3mes.io")]
    [InlineData("a1/0x", "a1", "0x")]
    public void Parse_ValidNames(string text, string? ns, string name)
    {
        var reference = SecretReference.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(new SecretReference(ns, name), reference);
    }

    [Theory]
    [InlineData("R3mes/app")]
    [InlineData("r3mes/App")]
    [InlineData("r3mes/app_1")]
    [InlineData("r3mes/-app")]
    [InlineData("r3mes/app.")]
    [InlineData("r3mes/a..b")]
    [InlineData("/app")]
    [InlineData("r3mes/")]
    [InlineData("a/b/c")]
    [InlineData("r3mes/app%2Fx")]
    public void Parse_InvalidNames_SayWhy(string text)
    {
        Assert.Null(SecretReference.Parse(text, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void Parse_LengthLimits()
    {
        Assert.NotNull(SecretReference.Parse(new string('a', 63) + "/" + string.Join('.', Enumerable.Repeat(new string('b', 63), 4)).Substring(0, 253), out _));
        Assert.Null(SecretReference.Parse(new string('a', 64) + "/app", out _));
        Assert.Null(SecretReference.Parse("r3mes/" + new string('b', 64), out _));
    }
}
