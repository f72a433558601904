using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>Every invalid annotation denies the pod with a message naming that annotation; nothing is patched.</summary>
public sealed class DenialTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> Invalid => new()
    {
        // annotation (after the prefix), value, the annotation the message must name
        { "secret-jwt_secret", "secret/../sys/raw", "secret-jwt_secret" },
        { "secret-jwt_secret", "s3:bucket/jwt", "secret-jwt_secret" },
        { "secret-jwt_secret", "secret/r3mes/app#bad field", "secret-jwt_secret" },
        { "secret-jwt_secret", "kubernetes:Team_A/app", "secret-jwt_secret" },
        { "secret-jwt_secret", "kubernetes:a/b/c", "secret-jwt_secret" },
        { "secret-jwt_secret", "file:host-logs/syslog", "secret-jwt_secret" },
        { "secret-jwt_secret", "file:no-such-volume/x", "secret-jwt_secret" },
        { "secret-jwt_secret", "file:config/../../etc/shadow", "secret-jwt_secret" },
        { "secret-jwt_secret", "aws:r3mes/app name", "secret-jwt_secret" },
        { "secret-jwt_secret", "", "secret-jwt_secret" },
        { "secret-.hidden", "secret/r3mes/app", "secret-.hidden" },
        { "template-jwt_secret", "{{ unclosed", "template-jwt_secret" },
        { "template-jwt_secret", "{{ password | nosuchfilter }}", "template-jwt_secret" },
        { "template-other", "{{ password }}", "template-other" },
        { "mode-jwt_secret", "0666", "mode-jwt_secret" },
        { "mode-jwt_secret", "rw-------", "mode-jwt_secret" },
        { "mode-other", "0400", "mode-other" },
        { "role", "backend; rm -rf /", "role" },
        { "reload", "http://10.0.0.5:8080/reload", "reload" },
        { "reload", "http://metadata.google.internal/", "reload" },
        { "reload", "https://127.0.0.1/reload", "reload" },
        { "reload", "signal:SIGFOO:backend", "reload" },
        { "reload", "signal:SIGHUP:a-process-name-too-long", "reload" },
        { "reload", "nginx -s reload", "reload" },
        { "init-only", "yes", "init-only" },
        { "layout", "sideways", "layout" },
        { "cpu-request", "lots", "cpu-request" },
        { "memory-limit", "64MB", "memory-limit" },
        { "memory-request", "-1Mi", "memory-request" },
        { "config", "Bad_Name", "config" },
        { "config", "backend-sidecar", "config" },
        { "status", "pending", "status" },
        { "injct", "true", "injct" },
        { "image", "attacker/sidecar:latest", "image" },
        { "vault-address", "https://attacker.example", "vault-address" },
        { "share-process-namespace", "false", "share-process-namespace" },
        { "inject-/x", "true", "inject-/x" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task AnInvalidAnnotation_IsDeniedWithItsName(string name, string value, string named)
    {
        var pod = Backend(
            A("inject", "true"), A("role", "backend"), A("secret-jwt_secret", "secret/r3mes/app"),
            A("reload", "signal:SIGHUP:backend"), A(name, value));

        await AssertDenied(pod, Prefix + named);
    }

    [Fact]
    public async Task AVaultSourceWithoutARole_IsDeniedNamingTheRoleAnnotation() =>
        await AssertDenied(Job(A("inject", "true"), A("secret-jwt_secret", "secret/r3mes/app")), Prefix + "role");

    [Fact]
    public async Task InjectWithNothingToInject_IsDeniedNamingInject() =>
        await AssertDenied(Job(A("inject", "true")), Prefix + "inject");

    [Fact]
    public async Task ANonStringAnnotationValue_IsDeniedWithItsName()
    {
        var pod = Job(A("inject", "true"), A("secret-t", "aws:r3mes/t"));
        pod["metadata"]!["annotations"]![Prefix + "cpu-request"] = 5;

        await AssertDenied(pod, Prefix + "cpu-request");
    }

    [Fact]
    public async Task AVolumeNameTheInjectorUses_IsAConflictNotAnOverwrite()
    {
        var pod = Job(A("inject", "true"), A("secret-t", "aws:r3mes/t"));
        pod["spec"]!["volumes"] = new JsonArray(new JsonObject { ["name"] = "r3mes-secrets", ["hostPath"] = new JsonObject { ["path"] = "/" } });

        await AssertDenied(pod, "r3mes-secrets");
    }

    [Fact]
    public async Task AWebhookWithoutVaultSettings_DeniesVaultSources()
    {
        await using var server = await WebhookServer.StartAsync("sidecar: { image: r3mes-sidecar:0.1.0 }\n");
        var (_, body, text) = await server.PostAsync(Review.For(Job(A("inject", "true"), A("role", "r"), A("secret-t", "secret/t"))));

        Assert.False(body!["response"]!["allowed"]!.GetValue<bool>(), text);
        Assert.Contains(Prefix + "secret-t: this injector has no Vault configured", body["response"]!["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task AssertDenied(JsonObject pod, string named)
    {
        var (status, body, text) = await _server.PostAsync(Review.For(pod));

        Assert.Equal(HttpStatusCode.OK, status);
        var response = body!["response"]!;
        Assert.False(response["allowed"]!.GetValue<bool>(), text);
        Assert.Null(response["patch"]);
        Assert.Equal(400, response["status"]!["code"]!.GetValue<int>());
        var message = response["status"]!["message"]!.GetValue<string>();
        Assert.Contains(named, message, StringComparison.Ordinal);
    }
}
