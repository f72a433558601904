using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using R3mes.Sidecar.Aws;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Endpoints;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Kubernetes;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Vault;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// The configuration text (YAML, or JSON when it starts with <c>{</c>, as <c>R3MES_SIDECAR_CONFIG_INLINE</c> is read)
/// through the plan builder with every registered source, action and section, as <c>check</c> builds it: the result
/// is a plan or a <see cref="ConfigurationException"/>/<see cref="OutputException"/> (what <c>check</c> reports with exit
/// code 2) — never another exception (a stack trace and exit 1 or a crash), never a hang.
/// </summary>
internal sealed class ConfigurationTarget : IFuzzTarget
{
    private static readonly string[] Examples =
        ["examples/local/sidecar.yaml", "examples/aws/sidecar.yaml", "examples/vault-leases/sidecar.yaml", "examples/swarm/sidecar-backend.yaml", "examples/swarm/sidecar-nginx.yaml"];

    private readonly SidecarPlanBuilder _builder;
    private readonly string _baseDirectory = RepositoryFiles.Path("examples/local");

    public ConfigurationTarget(bool json)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSidecarCore().AddVault(daemon: false).AddAws().AddKubernetes().AddSection<ConnectionLimitsSection>();
        _builder = services.BuildServiceProvider().GetRequiredService<SidecarPlanBuilder>();
        Name = json ? "configuration JSON" : "configuration YAML";
        Seeds = json ? JsonSeeds() : [.. Examples.Select(e => File.ReadAllBytes(RepositoryFiles.Path(e)))];
        Dictionary = Utf8Input.All(json
            ? ["{", "}", "[", "]", "\"", ":", ",", "\"secrets\"", "\"source\"", "\"files\"", "null", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "true", "[[[[", "{\"a\":"]
            : ["\n  ", "\n- ", ": ", "&a ", "*a", "<<: *a", "{", "}", "[", "]", "---\n", "!!binary ", "? ", "|\n  ", "'", "\"", "#", "%YAML 1.2\n", "\t", "~", "on_change", "source", "vault:", "aws:"]);
    }

    public string Name { get; }

    public IReadOnlyList<byte[]> Seeds { get; }

    public IReadOnlyList<byte[]> Dictionary { get; }

    public bool MessagesMayQuoteInput => true;

    public FuzzOutcome Run(byte[] input)
    {
        var configuration = new ConfigurationBuilder().AddSidecarConfigurationText(Encoding.UTF8.GetString(input), "fuzzed configuration").Build();
        var plan = _builder.Build(configuration, _baseDirectory);
        Assert.NotNull(plan.Output.Directory);
        Assert.Equal(plan.Secrets.Count, plan.Secrets.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(plan.Secrets.SelectMany(s => s.Files), f => Assert.Null(OutputFileName.Problem(f.Name)));
        return FuzzOutcome.Accepted;
    }

    public bool IsRefusal(Exception error) => error is ConfigurationException or OutputException;

    private static byte[][] JsonSeeds() => Utf8Input.All(
        """
        {"output": {"dir": "out", "mode": "0600"}, "log": {"level": "info", "format": "json"},
         "secrets": [{"name": "database", "source": {"file": "secrets"}, "refresh": "2s",
           "files": {"postgres_user": "{{ postgres_user | trim }}", "database_url": "postgresql://{{ postgres_user | url }}@db/r3mes",
                     "postgres_password": {"key": "postgres_password", "mode": "0400"}},
           "on_change": ["announce"]}],
         "actions": {"announce": {"command": ["/bin/true"], "wait": {"min": "1s", "max": "5s"}}},
         "listen": "127.0.0.1:8099", "limits": {"listen": 64}}
        """,
        """
        {"output": {"dir": "out"}, "vault": {"address": "http://127.0.0.1:8200", "auth": {"method": "token", "token_file": "secrets/jwt_secret.txt"}},
         "secrets": [{"name": "db", "source": {"vault": "database/creds/backend"}, "files": {"user": {"key": "username"}}},
                     {"name": "kv", "source": {"vault": "secret/r3mes/app", "key": "jwt"}, "files": {"jwt": {}}}]}
        """,
        """
        {"output": {"dir": "out"}, "aws": {"region": "eu-west-1"},
         "secrets": [{"name": "api", "source": {"aws": "r3mes/api"}, "files": {"api_key": {"key": "api_key"}}}]}
        """);
}
