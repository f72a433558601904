using System.IO.Abstractions;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Core.Tests.Configuration;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources.Env;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Plan;

/// <summary>
/// A configuration directory (with <c>docker/secrets/</c> holding two files) and the real plan builder with the
/// file and env sources and fake signal/command actions.
/// </summary>
internal sealed class PlanFixture : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();

    public PlanFixture()
    {
        Directory.CreateDirectory(_dir.File("docker/secrets"));
        File.WriteAllText(_dir.File("docker/secrets/jwt_secret.txt"), "jwt");
        File.WriteAllText(_dir.File("docker/secrets/node.json"), "{\"priv\":\"k\"}");
        Builder = new SidecarPlanBuilder(
            new SecretSpecReader(
                [new FileSourceFactory(new FileSystem(), new DirectoryWatcher(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<DirectoryWatcher>.Instance), TimeProvider.System), new EnvSourceFactory(name => name == "REDIS_PASSWORD" ? "env-value" : null)],
                new FileSpecReader()),
            new ActionSpecReader([new FakeReloadActionFactory("signal", "process"), new FakeReloadActionFactory("command", "timeout")]),
            [],
            new PlanSections());
    }

    public string ConfigDirectory => _dir.Path;

    public SidecarPlanBuilder Builder { get; }

    public SidecarPlan Build(string yaml) => Builder.Build(YamlText.FromFile(yaml, _dir.Path), _dir.Path);

    /// <summary>Builds a configuration that must be refused and returns every error as <c>path: message</c>.</summary>
    public string[] Errors(string yaml)
    {
        var error = Assert.Throws<ConfigurationException>(() => Build(yaml));
        Assert.Equal(string.Join(Environment.NewLine, error.Errors), error.Message);
        return error.Errors.Select(e => e.ToString()).ToArray();
    }

    public void Dispose() => _dir.Dispose();
}
