using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>
/// The canary harness for the injector (issue 15, suite 2: the Secrets Store CSI driver logged service-account
/// tokens, CVE-2023-2878). A pod sent for review carries secrets the injector reads but must never copy: unique
/// canaries in every app container's environment (a database password, a Vault token, an AWS session token) and in
/// annotations that are not the injector's (a service-account JWT, a KV value). Everything the injector produces is
/// captured — each AdmissionReview response (and each operation of its decoded JSON Patch, the generated sidecar
/// configuration included), <c>/metrics</c>, and its log at trace level (this is its logger provider) — and searched
/// for every canary as is, URL-encoded and base64-encoded. A leak is reported with where it appeared and which
/// canary it was, never the value.
/// </summary>
internal sealed class AdmissionCanary : ILoggerProvider
{
    private readonly Dictionary<string, string> _seeded;
    private readonly Lock _gate = new();
    private readonly List<(string Location, string Text)> _captured = [];
    private readonly List<string> _log = [];

    public AdmissionCanary()
    {
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        _seeded = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DatabasePassword] = $"CANARY-db-{id}",
            [VaultToken] = $"hvs.CANARY{id}",
            [AwsSessionToken] = $"IQoJb3JpZ2luX2VjECANARY{id}",
            [ServiceAccountJwt] = $"eyJhbGciOiJSUzI1NiJ9.CANARY{id}.c2lnbmF0dXJl",
            [KvValue] = $"CANARY-kv-{id}",
        };
    }

    public const string DatabasePassword = "the app containers' DATABASE_PASSWORD";
    public const string VaultToken = "the app containers' VAULT_TOKEN";
    public const string AwsSessionToken = "the app containers' AWS_SESSION_TOKEN";
    public const string ServiceAccountJwt = "the service-account JWT in annotation example.com/token";
    public const string KvValue = "the KV value in annotation example.com/kv";

    /// <summary>How many entries the injector logged (a trace-level run logs something for every review).</summary>
    public int LogEntries
    {
        get
        {
            lock (_gate)
            {
                return _log.Count;
            }
        }
    }

    /// <summary>The canary planted as <paramref name="origin"/>: only for the harness's own tests, which plant it where it must be found.</summary>
    public string ValueOf(string origin) => _seeded[origin];

    /// <summary>Plants the canaries in <paramref name="pod"/> (every app and init container's environment, two foreign annotations); returns it.</summary>
    public JsonObject Seed(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod["spec"]!.AsObject();
        foreach (var container in new[] { "containers", "initContainers" }.SelectMany(k => spec[k]?.AsArray() ?? []))
        {
            var env = container!["env"] as JsonArray ?? [];
            container["env"] = env;
            env.Add(new JsonObject { ["name"] = "DATABASE_PASSWORD", ["value"] = _seeded[DatabasePassword] });
            env.Add(new JsonObject { ["name"] = "VAULT_TOKEN", ["value"] = _seeded[VaultToken] });
            env.Add(new JsonObject { ["name"] = "AWS_SESSION_TOKEN", ["value"] = _seeded[AwsSessionToken] });
        }

        var metadata = pod["metadata"]!.AsObject();
        var annotations = metadata["annotations"] as JsonObject ?? [];
        metadata["annotations"] = annotations;
        annotations["example.com/token"] = _seeded[ServiceAccountJwt];
        annotations["example.com/kv"] = _seeded[KvValue];
        return pod;
    }

    /// <summary>Keeps an AdmissionReview response for the search: the body, and each operation of its decoded patch.</summary>
    public void CaptureResponse(string review, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Capture($"the response to {review}", body);
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return; // not JSON: the body as a whole was searched
        }

        if (json?["response"]?["patch"]?.GetValue<string>() is not { } patch)
        {
            return;
        }

        var operations = JsonNode.Parse(Convert.FromBase64String(patch))!.AsArray();
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i]!;
            Capture($"the response to {review}, patch operation {i} ({operation["op"]} {operation["path"]})", operation.ToJsonString());
        }
    }

    public void Capture(string location, string text)
    {
        lock (_gate)
        {
            _captured.Add((location, text));
        }
    }

    /// <summary>Where a canary appears in what was captured and in the log; empty when nowhere. Never holds a value.</summary>
    public IReadOnlyList<string> Leaks()
    {
        (string Location, string Text)[] places;
        lock (_gate)
        {
            places = [.. _captured, ("the injector's log", string.Join('\n', _log))];
        }

        var leaks = new List<string>();
        foreach (var (origin, value) in _seeded)
        {
            foreach (var (location, text) in places)
            {
                if (CanaryForms.Of(value).FirstOrDefault(f => text.Contains(f, StringComparison.Ordinal)) is { } form)
                {
                    var line = text.AsSpan(0, text.IndexOf(form, StringComparison.Ordinal)).Count('\n') + 1;
                    leaks.Add(string.Create(CultureInfo.InvariantCulture, $"the canary from {origin} ({value.Length} characters) appears in {location}, line {line}"));
                }
            }
        }

        return leaks;
    }

    public ILogger CreateLogger(string categoryName) => new CanaryLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Log(string entry)
    {
        lock (_gate)
        {
            _log.Add(entry);
        }
    }
}
