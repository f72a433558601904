using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Settings;
using R3mes.Sidecar.Injector.Tests.Support;

namespace R3mes.Sidecar.Injector.Tests.Deploy;

/// <summary>
/// Every object <c>kubectl kustomize</c> renders from deploy/kubernetes and examples/k8s is valid against the
/// Kubernetes OpenAPI schema (kubernetes-models), and the webhook configuration has the shape the README promises.
/// </summary>
public sealed class KustomizeTests
{
    [Fact]
    public void TheCertManagerOverlay_RendersValidObjects()
    {
        var yaml = Tool.Kustomize(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "overlays", "cert-manager"));

        var report = KubernetesSchema.AssertValid(yaml);

        Assert.Contains("ok Certificate r3mes-sidecar-injector", report, StringComparison.Ordinal);
        var webhook = Objects(yaml).Single(o => Kind(o) == "MutatingWebhookConfiguration");
        Assert.Equal("r3mes-system/r3mes-sidecar-injector", webhook["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]!.GetValue<string>());
    }

    [Fact]
    public void TheSelfManagedOverlay_AfterItsScript_RendersValidObjectsWithTheCaBundle()
    {
        using var copy = new TempDirectory();
        CopyTree(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes"), copy.Path);
        var overlay = Path.Combine(copy.Path, "overlays", "self-managed");
        Tool.Run(Path.Combine(overlay, "generate-certificate.sh"), ["30"], overlay);

        var yaml = Tool.Kustomize(overlay);

        KubernetesSchema.AssertValid(yaml);
        var objects = Objects(yaml);
        var secret = objects.Single(o => Kind(o) == "Secret");
        Assert.Equal("r3mes-sidecar-injector-tls", secret["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("kubernetes.io/tls", secret["type"]!.GetValue<string>());
        var caBundle = Convert.FromBase64String(Webhook(objects)["clientConfig"]!["caBundle"]!.GetValue<string>());
        var served = Convert.FromBase64String(secret["data"]!["tls.crt"]!.GetValue<string>());
        // The serving chain ends with the CA the webhook trusts.
        Assert.EndsWith(System.Text.Encoding.ASCII.GetString(caBundle).Trim(), System.Text.Encoding.ASCII.GetString(served).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheWebhookConfiguration_OnlySeesAnnotatedPodsAndNeverTheInjector()
    {
        var objects = Objects(Tool.Kustomize(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "overlays", "cert-manager")));
        var webhook = Webhook(objects);

        Assert.Equal("None", webhook["sideEffects"]!.GetValue<string>());
        Assert.InRange(webhook["timeoutSeconds"]!.GetValue<int>(), 1, 10);
        Assert.Equal("Fail", webhook["failurePolicy"]!.GetValue<string>());
        Assert.Equal(["v1"], webhook["admissionReviewVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("sidecar.r3mes.io/inject", webhook["matchConditions"]![0]!["expression"]!.GetValue<string>(), StringComparison.Ordinal);
        var excluded = webhook["objectSelector"]!["matchExpressions"]![0]!;
        Assert.Equal("app.kubernetes.io/name", excluded["key"]!.GetValue<string>());
        Assert.Equal("NotIn", excluded["operator"]!.GetValue<string>());
        Assert.Contains("r3mes-sidecar-injector", excluded["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["CREATE"], webhook["rules"]![0]!["operations"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("/mutate", webhook["clientConfig"]!["service"]!["path"]!.GetValue<string>());

        var deployment = objects.Single(o => Kind(o) == "Deployment");
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("r3mes-sidecar-injector", deployment["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        Assert.False(deployment["spec"]!["template"]!["spec"]!["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.Equal(1, objects.Single(o => Kind(o) == "PodDisruptionBudget")["spec"]!["minAvailable"]!.GetValue<int>());
        Assert.DoesNotContain(objects, o => Kind(o) is "ClusterRoleBinding" or "RoleBinding"); // the injector calls no API
    }

    [Fact]
    public void TheBaseInjectorConfiguration_IsReadByTheInjector()
    {
        var settings = InjectorSettingsReader.Read(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "base", "injector.yaml"));

        Assert.Equal(8443, settings.Listen.Port);
        Assert.Equal("/etc/r3mes-injector/tls/tls.crt", settings.CertFile);
        Assert.Contains("kube-system", settings.SkipNamespaces);
        Assert.Equal(SidecarLayout.Native, settings.Sidecar.Layout);
        Assert.Equal("https://vault.vault.svc:8200/", settings.Vault!.Address.ToString());
    }

    [Fact]
    public void TheExamples_RenderValidObjects_WithLeastPrivilegeForTheKubernetesSource()
    {
        var yaml = Tool.Kustomize(Path.Combine(RepositoryRoot.Path, "examples", "k8s"));

        KubernetesSchema.AssertValid(yaml);
        var role = Objects(yaml).Single(o => Kind(o) == "Role");
        var rule = Assert.Single(role["rules"]!.AsArray())!;
        Assert.Equal(["backend-api-keys"], rule["resourceNames"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.DoesNotContain("*", rule["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    internal static List<JsonObject> Objects(string yaml) =>
        JsonNode.Parse(Tool.YamlToJson(yaml))!.AsArray().Select(o => o!.AsObject()).ToList();

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static JsonObject Webhook(List<JsonObject> objects) =>
        Assert.Single(objects.Single(o => Kind(o) == "MutatingWebhookConfiguration")["webhooks"]!.AsArray())!.AsObject();

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = file.Replace(from, to, StringComparison.Ordinal);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }
}
