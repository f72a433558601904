using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Core.Tests.Output;

namespace R3mes.Sidecar.Core.Tests.Configuration;

/// <summary>Sets process environment variables, so it runs alone and restores them.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class EnvironmentOverrideTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly List<string> _set = [];

    public void Dispose()
    {
        foreach (var name in _set)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _dir.Dispose();
    }

    [Fact]
    public void AddSidecarConfiguration_EnvironmentVariable_OverridesFileValue()
    {
        File.WriteAllText(_dir.File("sidecar.yaml"), "output: { dir: /run/secrets, mode: \"0600\" }\nsecrets: [ { name: a } ]\n");
        Set("R3MES_SIDECAR__output__dir", "/from/env");
        Set("R3MES_SIDECAR__secrets__0__name", "from-env");

        var configuration = new ConfigurationBuilder().AddSidecarConfiguration(_dir.File("sidecar.yaml")).Build();

        Assert.Equal("/from/env", configuration["output:dir"]);
        Assert.Equal("0600", configuration["output:mode"]);
        Assert.Equal("from-env", configuration["secrets:0:name"]);
    }

    [Fact]
    public void AddSidecarConfiguration_NoFile_EnvironmentOnly()
    {
        Set("R3MES_SIDECAR__output__dir", "/only/env");

        var configuration = new ConfigurationBuilder().AddSidecarConfiguration(null).Build();

        Assert.Equal("/only/env", configuration["output:dir"]);
    }

    private void Set(string name, string value)
    {
        Assert.Null(Environment.GetEnvironmentVariable(name));
        _set.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }
}
