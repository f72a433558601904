using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Tests.Support;
using R3mes.Sidecar.Injector.Tests.Webhook;

namespace R3mes.Sidecar.Injector.Tests.Deploy;

/// <summary>
/// The annotated examples in examples/k8s really inject: each workload's pod template goes through the webhook
/// (with deploy/kubernetes/base/injector.yaml's sidecar settings), and the resulting pod is schema-valid.
/// </summary>
public sealed class ExampleWorkloadTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("backend", "native")]
    [InlineData("nginx", "native")]
    [InlineData("remesd", "init-only")]
    public async Task TheExampleWorkload_IsInjected_AndTheResultingPodIsValid(string workload, string expected)
    {
        var injected = await InjectAsync(workload);

        KubernetesSchema.AssertValid(injected.Json.ToJsonString());
        var first = injected.InitContainers[0]!;
        Assert.Equal(expected == "native" ? "Always" : null, first["restartPolicy"]?.GetValue<string>());
        Assert.Equal("injected", injected.Annotation("status"));
    }

    [Fact]
    public async Task TheNginxExample_GeneratesAConfigurationThatPassesCheck()
    {
        var injected = await InjectAsync("nginx");
        var config = InjectedPod.Config(injected.InitContainers[0]!.AsObject()).ToJsonString();

        var (exitCode, output) = SidecarCheck.Run(config);

        Assert.True(exitCode == 0, output);
        Assert.Contains("action reload: signal SIGHUP to processes named nginx", output, StringComparison.Ordinal);
    }

    /// <summary>The backend example reads a Kubernetes Secret.</summary>
    [Fact]
    public async Task TheBackendExample_GeneratesAConfigurationThatPassesCheck()
    {
        var injected = await InjectAsync("backend");
        var config = InjectedPod.Config(injected.InitContainers[0]!.AsObject()).ToJsonString();

        var (exitCode, output) = SidecarCheck.Run(config);

        Assert.True(exitCode == 0, output);
    }

    private async Task<InjectedPod> InjectAsync(string workload)
    {
        var objects = KustomizeTests.Objects(Tool.Kustomize(Path.Combine(RepositoryRoot.Path, "examples", "k8s")));
        var owner = objects.Single(o => o["kind"]!.GetValue<string>() is "Deployment" or "StatefulSet" && o["metadata"]!["name"]!.GetValue<string>() == workload);
        var template = owner["spec"]!["template"]!;
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = workload + "-",
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["annotations"] = template["metadata"]!["annotations"]!.DeepClone(),
            },
            ["spec"] = template["spec"]!.DeepClone(),
        };
        var (_, body, text) = await _server.PostAsync(Review.For(pod, "r3mes"));
        Assert.True(body!["response"]!["allowed"]!.GetValue<bool>(), text);
        return new InjectedPod(PatchApplier.Apply(pod, body));
    }
}
