using R3mes.Sidecar.Injector.Tests.Support;
using R3mes.Sidecar.Injector.Tests.Webhook;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Check;

/// <summary>
/// Every configuration the webhook generates passes the real binary's <c>check</c>, read from
/// <c>R3MES_SIDECAR_CONFIG_INLINE</c> exactly as the injected container reads it.
/// </summary>
public sealed class GeneratedConfigCheckTests : IAsyncLifetime
{
    private WebhookServer _server = null!;
    private TempDirectory _sources = null!;

    public async Task InitializeAsync()
    {
        // file: sources live where the sidecar mounts the pod's volumes; here that root is a temporary directory.
        _sources = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(_sources.Path, "tls-source"));
        File.WriteAllText(Path.Combine(_sources.Path, "tls-source", "tls.crt"), "certificate");
        Directory.CreateDirectory(Path.Combine(_sources.Path, "config"));
        _server = await WebhookServer.StartAsync(WebhookServer.DefaultSettings.Replace("  pull_policy: IfNotPresent\n",
            $"  pull_policy: IfNotPresent\n  file_sources_dir: {_sources.Path}\n", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sources.Dispose();
    }

    public static TheoryData<string, string[]> Pods => new()
    {
        { "vault KV, leased credentials, template, modes, signal reload", [
            "role=backend", "secret-postgres_user=database/creds/backend#username", "secret-postgres_password=database/creds/backend#password",
            "secret-database_url=database/creds/backend", "template-database_url=postgresql://{{ username | url }}:{{ password | url }}@postgres/r3mes",
            "secret-jwt_secret=secret/r3mes/app#jwt_secret", "mode-jwt_secret=0440", "reload=signal:SIGHUP:backend"] },
        { "vault PKI for nginx", ["role=nginx", "secret-ssl_certificate=pki/issue/r3mes", "template-ssl_certificate={{ certificate }}\n{{ issuing_ca }}",
            "secret-ssl_private_key=pki/issue/r3mes#private_key", "reload=nginx"] },
        { "aws, http reload", ["secret-redis_password=aws:r3mes/redis#password", "secret-api.json=aws:arn:aws:secretsmanager:eu-west-1:123456789012:secret:r3mes/api-AbCdEf",
            "reload=http://127.0.0.1:8080/-/reload"] },
        { "file sources from pod volumes", ["secret-tls.crt=file:tls-source/tls.crt", "secret-app_settings=file:config", "mode-tls.crt=0444"] },
        { "init-only classic", ["init-only=true", "role=jobs", "secret-report_token=secret/r3mes/report#token"] },
        { "every file name with dots, dashes, underscores", ["role=r", "secret-a.b-c_d=secret/x/y#f", "secret-Z9=secret/x/y"] },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public async Task TheGeneratedConfiguration_PassesCheck(string what, string[] annotations)
    {
        var config = await GenerateAsync(annotations);

        var (exitCode, output) = SidecarCheck.Run(config);

        Assert.True(exitCode == 0, $"{what}: check exited {exitCode}:\n{output}\nconfiguration: {config}");
        Assert.Contains("configuration OK", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A generated configuration with Kubernetes sources passes check (<c>source: { kubernetes: NAMESPACE/NAME }</c>).
    /// </summary>
    [Fact]
    public async Task TheGeneratedConfiguration_WithKubernetesSources_PassesCheck()
    {
        var config = await GenerateAsync(["secret-api_key=kubernetes:payments/api-keys#primary", "secret-token=kubernetes:local-token", "reload=nginx"]);

        var (exitCode, output) = SidecarCheck.Run(config);

        Assert.True(exitCode == 0, $"check exited {exitCode}:\n{output}\nconfiguration: {config}");
    }

    [Fact]
    public void AConfigMapConfiguration_WithThePinnedOverrides_PassesCheck()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "k8s", "remesd", "sidecar-configmap.yaml"));
        var inline = yaml[(yaml.IndexOf("sidecar.yaml: |", StringComparison.Ordinal) + "sidecar.yaml: |".Length)..];
        var text = string.Join('\n', inline.Split('\n').Select(line => line.Length >= 4 ? line[4..] : line.TrimStart()));

        var (exitCode, output) = SidecarCheck.Run(text, new Dictionary<string, string>
        {
            // output.dir is pinned too; SidecarCheck points that pin at a tmpfs stand-in for the pod's volume.
            ["R3MES_SIDECAR__state_dir"] = "/run/r3mes-sidecar/state",
            ["R3MES_SIDECAR__listen"] = "0.0.0.0:8099",
        });

        Assert.True(exitCode == 0, $"check exited {exitCode}:\n{output}\nconfiguration:\n{text}");
        Assert.Contains("output: /dev/shm/r3mes-inject-check-", output, StringComparison.Ordinal);
        Assert.Contains("listen: 0.0.0.0:8099", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInlineConfigurationThatIsNotJson_IsAConfigurationErrorExitTwo()
    {
        var (exitCode, output) = SidecarCheck.Run("{ \"output\": ");

        Assert.Equal(2, exitCode);
        Assert.Contains("R3MES_SIDECAR_CONFIG_INLINE is not valid JSON", output, StringComparison.Ordinal);
    }

    private async Task<string> GenerateAsync(string[] annotations)
    {
        var pod = Backend([A("inject", "true"), .. annotations.Select(a => A(a[..a.IndexOf('=', StringComparison.Ordinal)], a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]))]);
        var (_, body, text) = await _server.PostAsync(Review.For(pod));
        Assert.True(body!["response"]!["allowed"]!.GetValue<bool>(), text);
        var injected = new InjectedPod(PatchApplier.Apply(pod, body));
        return injected.InitContainers[0]!["env"]!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == "R3MES_SIDECAR_CONFIG_INLINE")!["value"]!.GetValue<string>();
    }
}
