using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>
/// The webhook over HTTPS on loopback with realistic reviews: the returned patch is applied with Microsoft's JSON
/// Patch library, the resulting pod is asserted field by field and validated against the Kubernetes schema.
/// </summary>
public sealed class InjectionTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DeploymentPod_GetsTheNativeSidecarFirst_SecretsReadOnlyInEveryAppContainer_AndValidates()
    {
        var pod = Backend(
            A("inject", "true"),
            A("role", "backend"),
            A("secret-postgres_user", "database/creds/backend#username"),
            A("secret-postgres_password", "database/creds/backend#password"),
            A("template-database_url", "postgresql://{{ username | url }}:{{ password | url }}@postgres:5432/r3mes"),
            A("secret-database_url", "database/creds/backend"),
            A("secret-jwt_secret", "secret/r3mes/app#jwt_secret"),
            A("mode-jwt_secret", "0440"),
            A("reload", "signal:SIGHUP:backend"));

        var injected = await InjectAsync(pod);

        // The sidecar is the first init container, native (restartPolicy Always), with a startup probe on /readyz.
        var sidecar = injected.InitContainers[0]!.AsObject();
        Assert.Equal("r3mes-sidecar", InjectedPod.Text(sidecar["name"]));
        Assert.Equal("Always", InjectedPod.Text(sidecar["restartPolicy"]));
        Assert.Equal("/readyz", InjectedPod.Text(sidecar["startupProbe"]!["httpGet"]!["path"]));
        Assert.Equal(8099, sidecar["startupProbe"]!["httpGet"]!["port"]!.GetValue<int>());
        Assert.Equal(["run"], sidecar["args"]!.AsArray().Select(InjectedPod.Text));
        Assert.Equal("ghcr.io/r3mes/r3mes-sidecar:0.1.0", InjectedPod.Text(sidecar["image"]));
        Assert.Equal("migrate", InjectedPod.Text(injected.InitContainers[1]!["name"]));
        Assert.Equal(["backend", "nginx", "log-shipper"], injected.Containers.Select(c => InjectedPod.Text(c!["name"])));

        // Hardened: non-root (the pod's own user, so signals reach the app), read-only root, no capabilities.
        var security = sidecar["securityContext"]!;
        Assert.True(security["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(1000, security["runAsUser"]!.GetValue<long>());
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(InjectedPod.Text));
        Assert.Null(security["capabilities"]!["add"]);
        Assert.Equal("RuntimeDefault", InjectedPod.Text(security["seccompProfile"]!["type"]));
        Assert.Null(security["privileged"]);

        // Memory-backed secrets volume, read-only everywhere but in the sidecar; the state volume is the sidecar's alone.
        Assert.Equal("Memory", InjectedPod.Text(injected.Volume("r3mes-secrets")["emptyDir"]!["medium"]));
        Assert.Equal("Memory", InjectedPod.Text(injected.Volume("r3mes-sidecar-state")["emptyDir"]!["medium"]));
        foreach (var name in new[] { "migrate", "backend", "nginx", "log-shipper" })
        {
            var mount = InjectedPod.MountAt(injected.Container(name), "/run/secrets");
            Assert.True(mount is not null && mount["readOnly"]!.GetValue<bool>(), $"{name} mounts /run/secrets read-only");
            Assert.Null(InjectedPod.MountAt(injected.Container(name), "/run/r3mes-sidecar"));
        }

        Assert.Null(InjectedPod.MountAt(sidecar, "/run/secrets")!["readOnly"]);
        Assert.Equal("r3mes-sidecar-state", InjectedPod.Text(InjectedPod.MountAt(sidecar, "/run/r3mes-sidecar")!["name"]));
        Assert.Equal(2, sidecar["volumeMounts"]!.AsArray().Count); // nothing else of the pod: not the host path, not the token
        Assert.Equal("/etc/backend", InjectedPod.Text(injected.Container("backend")["volumeMounts"]![0]!["mountPath"]));

        // A signal reload shares the process namespace.
        Assert.True(injected.Json["spec"]!["shareProcessNamespace"]!.GetValue<bool>());

        // The configuration: one secret per source, files with their fields/templates, Vault from the injector's settings.
        var config = InjectedPod.Config(sidecar);
        Assert.Equal("/run/secrets", InjectedPod.Text(config["output"]!["dir"]));
        Assert.Equal("https://vault.vault.svc:8200", InjectedPod.Text(config["vault"]!["address"]));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", InjectedPod.Text(config["vault"]!["tls"]!["ca_pem"]), StringComparison.Ordinal);
        Assert.Equal("backend", InjectedPod.Text(config["vault"]!["auth"]!["role"]));
        var secrets = config["secrets"]!.AsArray();
        Assert.Equal(2, secrets.Count);
        var database = secrets.Single(s => InjectedPod.Text(s!["source"]!["vault"]) == "database/creds/backend")!;
        Assert.Equal(["database_url", "postgres_password", "postgres_user"], database["files"]!.AsObject().Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal("username", InjectedPod.Text(database["files"]!["postgres_user"]!["key"]));
        Assert.Contains("{{ password | url }}", InjectedPod.Text(database["files"]!["database_url"]!["template"]), StringComparison.Ordinal);
        var jwt = secrets.Single(s => InjectedPod.Text(s!["source"]!["vault"]) == "secret/r3mes/app")!;
        Assert.Equal("0440", InjectedPod.Text(jwt["files"]!["jwt_secret"]!["mode"]));
        Assert.Equal("backend", InjectedPod.Text(config["actions"]!["reload"]!["process"]!["name"]));

        // Effective settings written back; the user's annotations kept.
        Assert.Equal("injected", injected.Annotation("status"));
        Assert.Equal("native", injected.Annotation("layout"));
        Assert.Equal("0600", injected.Annotation("mode-postgres_user"));
        Assert.Equal("0440", injected.Annotation("mode-jwt_secret"));
        Assert.Equal("5m", injected.Annotation("cpu-request"));
        Assert.Equal("true", injected.Annotation("share-process-namespace"));
        Assert.Equal("team-a/backend", InjectedPod.Text(injected.Annotations["example.com/owner"]));

        KubernetesSchema.AssertValid(injected.Json.ToJsonString());
    }

    [Fact]
    public async Task JobPod_WithoutInitContainersOrVolumes_GetsThemCreated_AndTheSidecarDoesNotBlockCompletion()
    {
        var pod = Job(A("inject", "true"), A("secret-report_token", "aws:r3mes/report#token"), A("memory-limit", "128Mi"));

        var injected = await InjectAsync(pod);

        var sidecar = Assert.Single(injected.InitContainers)!.AsObject();
        Assert.Equal("Always", InjectedPod.Text(sidecar["restartPolicy"])); // a native sidecar: the Job completes without it
        Assert.Equal("Never", InjectedPod.Text(injected.Json["spec"]!["restartPolicy"]));
        Assert.Equal(2, injected.Volumes.Count);
        Assert.True(InjectedPod.MountAt(injected.Container("report"), "/run/secrets")!["readOnly"]!.GetValue<bool>());
        Assert.Null(injected.Json["spec"]!["shareProcessNamespace"]);
        Assert.Equal("128Mi", InjectedPod.Text(sidecar["resources"]!["limits"]!["memory"]));
        Assert.Equal("128Mi", injected.Annotation("memory-limit"));
        var config = InjectedPod.Config(sidecar);
        Assert.Equal("eu-west-1", InjectedPod.Text(config["aws"]!["region"]));
        Assert.Null(config["vault"]);
        Assert.Equal("r3mes/report", InjectedPod.Text(config["secrets"]![0]!["source"]!["aws"]));
        Assert.Equal(65532, sidecar["securityContext"]!["runAsUser"]!.GetValue<long>());

        KubernetesSchema.AssertValid(injected.Json.ToJsonString());
    }

    [Fact]
    public async Task ClassicLayout_AddsAOnceInitContainerAndARegularSidecar()
    {
        var pod = Backend(A("inject", "true"), A("layout", "classic"), A("secret-tls.crt", "file:tls-source/tls.crt"), A("reload", "http://127.0.0.1:8080/-/reload"));

        var injected = await InjectAsync(pod);

        var once = injected.InitContainers[0]!.AsObject();
        Assert.Equal("r3mes-sidecar-init", InjectedPod.Text(once["name"]));
        Assert.Equal(["once"], once["args"]!.AsArray().Select(InjectedPod.Text));
        Assert.Null(once["restartPolicy"]);
        Assert.Null(once["startupProbe"]);
        var sidecar = injected.Containers[^1]!.AsObject();
        Assert.Equal("r3mes-sidecar", InjectedPod.Text(sidecar["name"]));
        Assert.Equal("/readyz", InjectedPod.Text(sidecar["readinessProbe"]!["httpGet"]!["path"]));
        Assert.Null(injected.Json["spec"]!["shareProcessNamespace"]); // an HTTP reload needs no shared PID namespace

        // file: reads the pod's own Secret volume, mounted read-only into the sidecar only.
        var source = InjectedPod.MountAt(sidecar, "/run/r3mes-sources/tls-source")!;
        Assert.True(source["readOnly"]!.GetValue<bool>());
        Assert.Null(InjectedPod.MountAt(injected.Container("backend"), "/run/r3mes-sources/tls-source"));
        var config = InjectedPod.Config(sidecar);
        Assert.Equal("/run/r3mes-sources/tls-source/tls.crt", InjectedPod.Text(config["secrets"]![0]!["source"]!["file"]));
        Assert.Equal("http://127.0.0.1:8080/-/reload", InjectedPod.Text(config["actions"]!["reload"]!["http"]!["url"]));
        Assert.Equal("classic", injected.Annotation("layout"));

        KubernetesSchema.AssertValid(injected.Json.ToJsonString());
    }

    [Fact]
    public async Task InitOnly_AddsOnlyTheOnceInitContainer()
    {
        var pod = Job(A("inject", "true"), A("init-only", "true"), A("secret-api_key", "kubernetes:payments/api-keys#primary"));

        var injected = await InjectAsync(pod);

        var once = Assert.Single(injected.InitContainers)!.AsObject();
        Assert.Equal("r3mes-sidecar-init", InjectedPod.Text(once["name"]));
        Assert.Null(once["restartPolicy"]);
        Assert.Single(injected.Containers);
        var source = InjectedPod.Config(once)["secrets"]![0]!["source"]!;
        Assert.Equal("payments/api-keys", InjectedPod.Text(source["kubernetes"]));
        Assert.Equal("true", injected.Annotation("init-only"));

        KubernetesSchema.AssertValid(injected.Json.ToJsonString());
    }

    [Fact]
    public async Task ConfigMapConfiguration_ComesFromAnEnvironmentReference_WithThePodLayoutPinned()
    {
        var pod = Backend(A("inject", "true"), A("config", "backend-sidecar#sidecar.yaml"), A("share-process-namespace", "true"));

        var injected = await InjectAsync(pod);

        var env = injected.InitContainers[0]!["env"]!.AsArray();
        var inline = env.Single(e => InjectedPod.Text(e!["name"]) == "R3MES_SIDECAR_CONFIG_INLINE")!;
        Assert.Equal("backend-sidecar", InjectedPod.Text(inline["valueFrom"]!["configMapKeyRef"]!["name"]));
        Assert.Equal("sidecar.yaml", InjectedPod.Text(inline["valueFrom"]!["configMapKeyRef"]!["key"]));
        Assert.Equal("/run/secrets", InjectedPod.Text(env.Single(e => InjectedPod.Text(e!["name"]) == "R3MES_SIDECAR__output__dir")!["value"]));
        Assert.True(injected.Json["spec"]!["shareProcessNamespace"]!.GetValue<bool>());
        Assert.DoesNotContain(injected.InitContainers[0]!["volumeMounts"]!.AsArray(), m => InjectedPod.Text(m!["name"]) == "config");

        KubernetesSchema.AssertValid(injected.Json.ToJsonString());
    }

    [Fact]
    public async Task SecondReviewOfAnInjectedPod_AllowsWithAnEmptyPatch()
    {
        var pod = Backend(A("inject", "true"), A("role", "backend"), A("secret-jwt_secret", "secret/r3mes/app"));
        var injected = await InjectAsync(pod);

        var (status, body, text) = await _server.PostAsync(Review.For(injected.Json));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body!["response"]!["allowed"]!.GetValue<bool>(), text);
        Assert.Null(body["response"]!["patch"]);
        Assert.Null(body["response"]!["patchType"]);
    }

    [Theory]
    [InlineData("kube-system")]
    [InlineData("kube-public")]
    public async Task SystemNamespaces_AreNeverPatched(string @namespace)
    {
        var pod = Backend(A("inject", "true"), A("role", "backend"), A("secret-jwt_secret", "secret/r3mes/app"));

        var (status, body, text) = await _server.PostAsync(Review.For(pod, @namespace));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body!["response"]!["allowed"]!.GetValue<bool>(), text);
        Assert.Null(body["response"]!["patch"]);
    }

    [Fact]
    public async Task TheInjectorsOwnPods_AreNeverPatched()
    {
        var pod = Backend(A("inject", "true"), A("role", "backend"), A("secret-jwt_secret", "secret/r3mes/app"));
        pod["metadata"]!["labels"]!["app.kubernetes.io/name"] = "r3mes-sidecar-injector";

        var own = await _server.PostAsync(Review.For(pod, "r3mes-system"));
        var elsewhere = await _server.PostAsync(Review.For(pod, "team-a"));

        Assert.Null(own.Body!["response"]!["patch"]);
        Assert.NotNull(elsewhere.Body!["response"]!["patch"]); // the label alone grants nothing outside the injector's namespace
    }

    [Fact]
    public async Task PodsWithoutTheAnnotation_OrAnotherOperation_AreAllowedUnchanged()
    {
        var plain = Backend();
        var off = Backend(A("inject", "false"), A("secret-x", "secret/x"));
        var update = Backend(A("inject", "true"), A("role", "backend"), A("secret-jwt_secret", "secret/r3mes/app"));

        foreach (var body in new[] { Review.For(plain), Review.For(off), Review.For(update, operation: "UPDATE") })
        {
            var (status, json, text) = await _server.PostAsync(body);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(json!["response"]!["allowed"]!.GetValue<bool>(), text);
            Assert.Null(json["response"]!["patch"]);
        }
    }

    [Fact]
    public async Task TheResponse_EchoesTheRequestUidAndVersion()
    {
        var pod = Job(A("inject", "true"), A("secret-t", "aws:r3mes/t"));

        var (_, body, _) = await _server.PostAsync(Review.For(pod, uid: "b6a1e2f0-1111-4c3b-8a9d-000000000042"));

        Assert.Equal("admission.k8s.io/v1", InjectedPod.Text(body!["apiVersion"]));
        Assert.Equal("AdmissionReview", InjectedPod.Text(body["kind"]));
        Assert.Equal("b6a1e2f0-1111-4c3b-8a9d-000000000042", InjectedPod.Text(body["response"]!["uid"]));
    }

    private async Task<InjectedPod> InjectAsync(JsonObject pod)
    {
        var (status, body, text) = await _server.PostAsync(Review.For(pod));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body!["response"]!["allowed"]!.GetValue<bool>(), text);
        return new InjectedPod(PatchApplier.Apply(pod, body));
    }
}
