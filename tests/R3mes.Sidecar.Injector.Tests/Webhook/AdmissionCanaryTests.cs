using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>
/// Issue 15, suite 2, for the injector: pods full of seeded secrets (<see cref="AdmissionCanary"/>) go through the
/// webhook at trace level — injected, denied, malformed — and no canary appears in an AdmissionReview response, its
/// patch (the generated sidecar configuration included), <c>/metrics</c> or the log. The harness's own tests plant a
/// canary where the injector does copy text (an annotation, the pod's name) and see it caught, located, unprinted.
/// </summary>
public sealed class AdmissionCanaryTests
{
    [Fact]
    public async Task Reviews_AtTraceLevel_InjectedDeniedAndMalformed_CarryNoSeededSecret()
    {
        var canary = new AdmissionCanary();
        await using var server = await WebhookServer.StartAsync(logging: Trace(canary));

        var backend = canary.Seed(Backend(
            A("inject", "true"), A("role", "backend"),
            A("secret-postgres_user", "database/creds/backend#username"),
            A("secret-postgres_password", "database/creds/backend#password"),
            A("template-database_url", "postgresql://{{ username | url }}:{{ password | url }}@postgres:5432/r3mes"),
            A("secret-database_url", "database/creds/backend"),
            A("secret-jwt_secret", "secret/r3mes/app#jwt_secret"),
            A("reload", "signal:SIGHUP:backend")));
        var injected = await PostAsync(server, canary, "the backend pod", Review.For(backend), HttpStatusCode.OK);
        Assert.True(injected!["response"]!["allowed"]!.GetValue<bool>() && injected["response"]!["patch"] is not null, "the backend pod was not injected");

        var job = canary.Seed(Job(A("inject", "true"), A("secret-t", "aws:r3mes/t")));
        await PostAsync(server, canary, "the job pod", Review.For(job), HttpStatusCode.OK);

        var denied = canary.Seed(Job(A("inject", "true"), A("secret-jwt_secret", "secret/r3mes/app")));
        var answer = await PostAsync(server, canary, "the pod without a role (denied)", Review.For(denied), HttpStatusCode.OK);
        Assert.False(answer!["response"]!["allowed"]!.GetValue<bool>(), "the pod without a role was allowed");

        var malformed = JsonNode.Parse(Review.For(canary.Seed(Backend(A("inject", "true")))))!.AsObject();
        malformed["request"]!["uid"] = 42;
        await PostAsync(server, canary, "a malformed review (uid a number)", malformed.ToJsonString(), HttpStatusCode.BadRequest);

        canary.Capture("/metrics", await server.Client.GetStringAsync("/metrics"));

        Assert.True(canary.LogEntries > 0, "the injector logged nothing at trace level: the log search saw nothing");
        Assert.Empty(canary.Leaks());
    }

    [Fact]
    public async Task CanaryCopiedIntoThePatch_IsCaughtWithItsLocationAndNotItsValue()
    {
        var canary = new AdmissionCanary();
        await using var server = await WebhookServer.StartAsync(logging: Trace(canary));
        var value = canary.ValueOf(AdmissionCanary.KvValue);
        // The injector copies a Vault path from its annotation into the sidecar's configuration: plant the canary there.
        var pod = canary.Seed(Job(A("inject", "true"), A("role", "report"), A("secret-t", $"secret/{value}#t")));

        await PostAsync(server, canary, "the job pod", Review.For(pod), HttpStatusCode.OK);

        var leaks = canary.Leaks();
        Assert.Contains(leaks, l => l.StartsWith($"the canary from {AdmissionCanary.KvValue} ({value.Length} characters) appears in the response to the job pod, patch operation", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.StartsWith($"the canary from {AdmissionCanary.KvValue} ({value.Length} characters) appears in the response to the job pod, line 1", StringComparison.Ordinal));
        Assert.All(leaks, l => Assert.DoesNotContain(value[7..], l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CanaryInThePodsName_IsCaughtInTheTraceLog()
    {
        var canary = new AdmissionCanary();
        await using var server = await WebhookServer.StartAsync(logging: Trace(canary));
        var value = canary.ValueOf(AdmissionCanary.DatabasePassword);
        var pod = canary.Seed(Job(A("inject", "true"), A("role", "report"), A("secret-t", "secret/r3mes/t#t")));
        // The log names the pod it injected: plant the canary in the name the controller generated.
        pod["metadata"]!["generateName"] = value + "-";

        await PostAsync(server, canary, "the job pod", Review.For(pod), HttpStatusCode.OK);

        var leaks = canary.Leaks();
        Assert.Contains(leaks, l => l.StartsWith($"the canary from {AdmissionCanary.DatabasePassword} ({value.Length} characters) appears in the injector's log", StringComparison.Ordinal));
        Assert.All(leaks, l => Assert.DoesNotContain(value[7..], l, StringComparison.Ordinal));
    }

    private static Action<ILoggingBuilder> Trace(AdmissionCanary canary) => logging => logging.AddProvider(canary).SetMinimumLevel(LogLevel.Trace);

    private static async Task<JsonNode?> PostAsync(WebhookServer server, AdmissionCanary canary, string review, string body, HttpStatusCode expected)
    {
        var (status, json, text) = await server.PostAsync(body);
        Assert.True(status == expected, $"{review}: {(int)status} {text}");
        canary.CaptureResponse(review, text);
        return json;
    }
}
