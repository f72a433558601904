using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Core.Tests.Plan;

public sealed class SidecarPlanBuilderJsonTests : IDisposable
{
    private readonly PlanFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_JsonFile_SamePlanAsYaml()
    {
        var path = Path.Combine(_fixture.ConfigDirectory, "sidecar.json");
        File.WriteAllText(path, """
            {
              "output": { "dir": "out", "mode": "0640" },
              "secrets": [
                { "name": "jwt", "source": { "file": "docker/secrets" }, "files": { "jwt_secret": {}, "validator_key": { "key": "node", "mode": "0400" } }, "update": "never" }
              ]
            }
            """);

        var plan = _fixture.Builder.Build(new ConfigurationBuilder().AddSidecarConfiguration(path).Build(), _fixture.ConfigDirectory);

        Assert.Equal(Path.Combine(_fixture.ConfigDirectory, "out"), plan.Output.Directory);
        var secret = Assert.Single(plan.Secrets);
        Assert.Equal(UpdatePolicy.Never, secret.Update);
        Assert.Equal(
            [new FileSpec("jwt_secret", new FileContent(null, null, false), Octal.Mode("640"), null, null), new FileSpec("validator_key", new FileContent(null, "node", false), Octal.Mode("400"), null, null)],
            secret.Files);
    }

    [Fact]
    public void Build_JsonFileWithUnknownKey_SameErrorAsYaml()
    {
        var path = Path.Combine(_fixture.ConfigDirectory, "sidecar.json");
        File.WriteAllText(path, """{ "secrets": [ { "name": "jwt", "source": { "file": "docker/secrets" }, "files": { "jwt_secret": { "mdoe": "0600" } } } ] }""");

        var error = Assert.Throws<ConfigurationException>(() =>
            _fixture.Builder.Build(new ConfigurationBuilder().AddSidecarConfiguration(path).Build(), _fixture.ConfigDirectory));

        Assert.Equal("secrets[0].files.jwt_secret.mdoe", Assert.Single(error.Errors).Path);
    }
}
