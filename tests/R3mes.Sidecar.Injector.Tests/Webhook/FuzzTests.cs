using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Admission;
using R3mes.Sidecar.Injector.Pods;
using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>
/// Random and mutated review bodies (seeded, so a failure reproduces): the handler never throws, always answers JSON
/// (200 with the request's uid, or a 400 Status), and every patch it returns applies to the pod it was given.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261204;

    private static readonly string[] Palette =
    [
        "true", "false", "", "secret/r3mes/app", "secret/r3mes/app#jwt", "aws:r3mes/x", "kubernetes:ns/s#k", "file:config/a",
        "file:host-logs/x", "nginx", "signal:SIGHUP:backend", "http://127.0.0.1:1/r", "{{ password }}", "{{", "0400", "0777",
        "native", "classic", "10m", "64Mi", "a/b", "a~b", "~1", "/", "\u0000", "\u202e", "é", "💥", new string('x', 5000), "injected",
    ];

    private static readonly string[] Names =
    [
        "inject", "status", "secret-a", "secret-b.txt", "secret-a~b", "secret-", "template-a", "mode-a", "config", "role", "reload",
        "init-only", "layout", "cpu-request", "cpu-limit", "memory-request", "memory-limit", "share-process-namespace", "x/y", "~", "",
    ];

    [Fact]
    public void RandomAndMutatedReviews_NeverCrash_AlwaysAnswerJson_AndEveryPatchApplies()
    {
        var settings = WebhookSettings.Read();
        var handler = new AdmissionHandler(new PodMutator(settings));
        var random = new Random(Seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 4000; i++)
        {
            var (body, pod) = Case(random, i);
            AdmissionAnswer answer;
            try
            {
                answer = handler.Handle(Encoding.UTF8.GetBytes(body));
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} (seed {Seed}) threw {e}\nbody: {Shorten(body)}");
                return;
            }

            outcomes[answer.Outcome] = outcomes.GetValueOrDefault(answer.Outcome) + 1;
            Assert.True(answer.StatusCode is 200 or 400, $"case {i}: status {answer.StatusCode}");
            var json = JsonNode.Parse(answer.Body); // throws (fails the test) unless valid JSON
            if (answer.StatusCode == 400)
            {
                Assert.Equal("Status", json!["kind"]!.GetValue<string>());
                continue;
            }

            Assert.False(string.IsNullOrEmpty(json!["response"]!["uid"]!.GetValue<string>()));
            if (json["response"]!["patch"] is not null && pod is not null)
            {
                PatchApplier.Apply(pod, json);
            }
        }

        // The run explored every branch, not just the 400 path.
        foreach (var outcome in new[] { "injected", "denied", "skipped", "unchanged", "malformed" })
        {
            Assert.True(outcomes.GetValueOrDefault(outcome) > 20, $"only {outcomes.GetValueOrDefault(outcome)} '{outcome}' cases: {string.Join(", ", outcomes)}");
        }
    }

    [Fact]
    public async Task MutatedReviewsOverHttps_LeaveTheServerServing()
    {
        await using var server = await WebhookServer.StartAsync();
        var random = new Random(Seed + 1);
        for (var i = 0; i < 300; i++)
        {
            var (body, _) = Case(random, i);
            var (status, json, text) = await server.PostAsync(body);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"case {i}: {status} {Shorten(text)}");
            Assert.NotNull(json);
        }

        using var health = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static (string Body, JsonObject? Pod) Case(Random random, int i)
    {
        switch (i % 10)
        {
            case 0:
                var bytes = new byte[random.Next(0, 600)];
                random.NextBytes(bytes);
                return (Encoding.Latin1.GetString(bytes), null);
            case 1:
                return (RandomJson(random, 0)?.ToJsonString() ?? "null", null);
            case 2:
                var valid = Review.For(BasePod(random));
                return (valid[..random.Next(0, valid.Length)], null);
            default:
                var pod = BasePod(random);
                for (var m = random.Next(1, 6); m > 0; m--)
                {
                    Mutate(random, pod);
                }

                var review = JsonNode.Parse(Review.For(pod))!;
                if (random.Next(12) == 0)
                {
                    MutateAnywhere(random, review);
                }

                return (review.ToJsonString(), review["request"]?["object"] as JsonObject);
        }
    }

    private static JsonObject BasePod(Random random)
    {
        var pod = random.Next(2) == 0
            ? Backend(A("inject", "true"), A("role", "backend"), A("secret-jwt_secret", "secret/r3mes/app#jwt"))
            : Job(A("inject", "true"), A("secret-token", "aws:r3mes/token"));
        if (random.Next(8) == 0)
        {
            pod["metadata"]!["annotations"]![Prefix + "status"] = "injected";
        }

        if (random.Next(10) == 0)
        {
            pod["metadata"]!["annotations"]![Prefix + "inject"] = "false";
        }

        return pod;
    }

    private static void Mutate(Random random, JsonObject pod)
    {
        var annotations = (pod["metadata"] as JsonObject)?["annotations"] as JsonObject;
        switch (random.Next(6))
        {
            case 0 or 1 when annotations is not null:
                annotations[Prefix + Names[random.Next(Names.Length)]] = Palette[random.Next(Palette.Length)];
                break;
            case 2 when annotations is not null:
                annotations[Prefix + Names[random.Next(Names.Length)]] = RandomJson(random, 2);
                break;
            default:
                MutateAnywhere(random, pod);
                break;
        }
    }

    /// <summary>Replaces or removes one random node of the tree.</summary>
    private static void MutateAnywhere(Random random, JsonNode root)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var parent = target.Parent;
        if (parent is JsonObject obj)
        {
            var key = obj.First(p => ReferenceEquals(p.Value, target)).Key;
            if (random.Next(3) == 0)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = RandomJson(random, 2);
            }
        }
        else if (parent is JsonArray array)
        {
            var index = array.IndexOf(target);
            array[index] = RandomJson(random, 2);
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
        {
            if (child is not null)
            {
                Collect(child, nodes);
            }
        }
    }

    private static JsonNode? RandomJson(Random random, int depth) => random.Next(depth > 3 ? 5 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * 1e6 - 5e5),
        3 or 4 => JsonValue.Create(Palette[random.Next(Palette.Length)]),
        5 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(k => KeyValuePair.Create(Names[random.Next(Names.Length)] + k, RandomJson(random, depth + 1)))),
    };

    private static string Shorten(string text) => text.Length > 2000 ? text[..2000] + "…" : text;
}
