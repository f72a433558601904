using R3mes.Sidecar.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace R3mes.Sidecar.Tests.Compose;

/// <summary>
/// The compose files pass <c>docker-compose config</c>, and their wiring holds: the rendered secrets live on a
/// tmpfs volume that only the sidecar writes, every consumer waits for the init sidecar to finish, only the
/// daemon that signals shares a PID namespace, everything referenced is defined, and every sidecar configuration
/// they mount passes <c>r3mes-sidecar check</c>.
/// </summary>
public sealed class ComposeFilesTests
{
    private const string SecretsVolume = "r3mes-secrets";
    private const string SidecarImage = "r3mes-sidecar:dev";
    private const string ConfigTarget = "/etc/r3mes-sidecar/sidecar.yaml";

    public static TheoryData<string> ComposeFiles => new() { "docker-compose.vault.yml", "docker-compose.yml" };

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    [InlineData("examples/swarm/stack.yml")]
    public void ComposeFile_PassesDockerComposeConfig_AndDefinesEverythingItReferences(string file)
    {
        var compose = ComposeConfig.Load(Path.Combine(RepositoryRoot.Path, file));
        var services = compose.AllServices().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var secrets = ComposeConfig.Names(ComposeConfig.Map(compose.Root, "secrets")).ToHashSet(StringComparer.Ordinal);
        var volumes = ComposeConfig.Names(ComposeConfig.Map(compose.Root, "volumes")).ToHashSet(StringComparer.Ordinal);
        var configs = ComposeConfig.Names(ComposeConfig.Map(compose.Root, "configs")).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(services);
        foreach (var (name, service) in compose.AllServices())
        {
            Assert.All(ComposeConfig.Names(ComposeConfig.Map(service, "depends_on") ?? (YamlNode?)ComposeConfig.Sequence(service, "depends_on")),
                d => Assert.True(services.Contains(d), $"{file}: {name} depends on undefined service {d}"));
            Assert.All(ComposeConfig.Names(ComposeConfig.Sequence(service, "secrets")), s => Assert.True(secrets.Contains(s), $"{file}: {name} uses undefined secret {s}"));
            Assert.All(ComposeConfig.Names(ComposeConfig.Sequence(service, "configs")), c => Assert.True(configs.Contains(c), $"{file}: {name} uses undefined config {c}"));
            Assert.All(ComposeConfig.Mounts(service).Where(m => m.Type == "volume"), m => Assert.True(volumes.Contains(m.Source), $"{file}: {name} mounts undefined volume {m.Source}"));
            Assert.All(ComposeConfig.Mounts(service).Where(m => m.Type == "bind"), m => Assert.True(
                m.Source.EndsWith("/docker/secrets", StringComparison.Ordinal) || File.Exists(m.Source) || Directory.Exists(m.Source), $"{file}: {name} binds missing {m.Source}"));
            if (ComposeConfig.Scalar(service, "pid") is { } pid && pid.StartsWith("service:", StringComparison.Ordinal))
            {
                Assert.Contains(pid["service:".Length..], services);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public void Compose_SecretsVolumeIsTmpfs_ReadOnlyInConsumers_WrittenOnlyBySidecars(string file)
    {
        var compose = ComposeConfig.Load(Path.Combine(RepositoryRoot.Path, file));
        var volume = ComposeConfig.Map(ComposeConfig.Map(compose.Root, "volumes")!, SecretsVolume)!;
        Assert.Equal("tmpfs", ComposeConfig.Scalar(ComposeConfig.Map(volume, "driver_opts")!, "type"));
        var mounting = compose.AllServices().Where(s => ComposeConfig.Mounts(s.Service).Any(m => m.Source == SecretsVolume)).ToArray();
        Assert.Contains(mounting, s => s.Name == "backend");
        Assert.Contains(mounting, s => s.Name == "nginx");
        foreach (var (name, service) in mounting)
        {
            var mount = ComposeConfig.Mounts(service).Single(m => m.Source == SecretsVolume);
            var isSidecar = ComposeConfig.Scalar(service, "image") == SidecarImage;
            Assert.True(mount.ReadOnly != isSidecar, $"{file}: {name} mounts {SecretsVolume} {(mount.ReadOnly ? "read-only" : "writable")}");
            Assert.Equal("/run/secrets", mount.Target);
        }
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public void Compose_InitSidecarRunsOnce_AndEveryConsumerWaitsForItToComplete(string file)
    {
        var compose = ComposeConfig.Load(Path.Combine(RepositoryRoot.Path, file));
        var init = ComposeConfig.Map(compose.Services, "sidecar-init")!;
        Assert.Equal("once", ComposeConfig.Sequence(init, "command")!.Children[0].ToString());
        var daemon = ComposeConfig.Map(compose.Services, "sidecar")!;
        Assert.Equal("run", ComposeConfig.Sequence(daemon, "command")!.Children[0].ToString());
        Assert.Equal(["CMD", "/usr/local/bin/r3mes-sidecar", "health"], ComposeConfig.Sequence(ComposeConfig.Map(daemon, "healthcheck")!, "test")!.Select(n => n.ToString()));
        foreach (var (name, service) in compose.AllServices().Where(s => s.Name != "sidecar-init" && ComposeConfig.Mounts(s.Service).Any(m => m.Source == SecretsVolume)))
        {
            var condition = ComposeConfig.Scalar(ComposeConfig.Map(ComposeConfig.Map(service, "depends_on")!, "sidecar-init")!, "condition");
            Assert.True(condition == "service_completed_successfully", $"{file}: {name} must wait for sidecar-init to complete (has {condition})");
        }

        // Only the daemon shares a PID namespace, and only because its configuration has a signal action.
        var withPid = compose.AllServices().Where(s => ComposeConfig.Scalar(s.Service, "pid") is not null).Select(s => s.Name);
        Assert.Equal(["sidecar"], withPid);
        var config = SidecarConfigOf(daemon);
        Assert.Contains("signal: SIGHUP", File.ReadAllText(config), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    [InlineData("examples/swarm/stack.yml")]
    public async Task EveryMountedSidecarConfig_PassesCheck(string file)
    {
        var compose = ComposeConfig.Load(Path.Combine(RepositoryRoot.Path, file));
        using var workspace = new TempWorkspace();
        var configs = new List<(string Service, string Config, IReadOnlyList<ComposeConfig.Mount> Binds)>();
        foreach (var (name, service) in compose.AllServices())
        {
            if (ComposeConfig.Mounts(service).FirstOrDefault(m => m.Target == ConfigTarget) is { } mount)
            {
                configs.Add((name, mount.Source, [.. ComposeConfig.Mounts(service).Where(m => m.Type == "bind")]));
            }

            foreach (var config in ComposeConfig.Sequence(service, "configs") ?? new YamlSequenceNode())
            {
                if (ComposeConfig.Scalar(config, "target") == ConfigTarget)
                {
                    var source = ComposeConfig.Scalar(ComposeConfig.Map(ComposeConfig.Map(compose.Root, "configs")!, ComposeConfig.Scalar(config, "source")!)!, "file")!;
                    configs.Add((name, source, []));
                }
            }
        }

        Assert.NotEmpty(configs);
        foreach (var (service, config, binds) in configs)
        {
            // The paths the configuration names inside the container, mapped to what the compose file binds there;
            // docker/secrets is made by `secrets create` before `up`, so the test makes one.
            var yaml = File.ReadAllText(config);
            foreach (var bind in binds.Where(b => b.Target != ConfigTarget))
            {
                var host = bind.Source.EndsWith("/docker/secrets", StringComparison.Ordinal) ? await CreatedSecretsAsync(workspace) : bind.Source;
                yaml = yaml.Replace(bind.Target, host, StringComparison.Ordinal);
            }

            var copy = workspace.WriteConfig(yaml, $"{service}.yaml");
            // check also verifies the output directory: the tmpfs volume the compose file mounts at /run/secrets is
            // not on this machine, so a fresh tmpfs directory (/dev/shm) stands in for it.
            var shm = Directory.CreateDirectory(Path.Combine("/dev/shm", $"r3mes-compose-{Guid.NewGuid():N}")).FullName;
            using var check = SidecarProcess.Start(["check", "-c", copy], new Dictionary<string, string?> { ["R3MES_SIDECAR__output__dir"] = shm });
            await check.WaitForExitAsync(SidecarProcess.ExitTimeout);
            Directory.Delete(shm, recursive: true);
            Assert.True(check.ExitCode == 0, $"{file}: {service}'s {config} fails check:\n{check.Transcript}");
        }
    }

    private static string SidecarConfigOf(YamlMappingNode service) =>
        ComposeConfig.Mounts(service).Single(m => m.Target == ConfigTarget).Source;

    private static async Task<string> CreatedSecretsAsync(TempWorkspace workspace)
    {
        var dir = workspace.PathOf("docker/secrets");
        if (!Directory.Exists(dir))
        {
            using var create = SidecarProcess.Start(["secrets", "create", "--dir", dir]);
            Assert.Equal(0, await create.WaitForExitAsync(SidecarProcess.ExitTimeout));
        }

        return dir;
    }
}
