using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Engines;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// Vault response bodies through the real client (envelope parsing, status handling) and the engine readers that
/// consume them: mount lookup, KV v1, KV v2 metadata and data, a database lease, a PKI issue and the token lookup.
/// The input's first byte picks the answer it replaces and its status; the rest is the body. The secret values in
/// the seeds carry the canary: a refusal is a <see cref="SecretSourceException"/> or <see cref="VaultApiException"/>
/// whose message never holds it; a result's fields are the body's.
/// </summary>
internal sealed class VaultResponseTarget : IFuzzTarget
{
    private const string Lookup = "GET /v1/auth/token/lookup-self";

    /// <summary>A lease keeper's renewals go on this engine; its clock never moves, so none runs against the fuzzed answers.</summary>
    private readonly Lifetimes.LifetimeEngine _engine = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), NullLogger<Lifetimes.LifetimeEngine>.Instance);
    private static readonly HttpStatusCode[] Statuses = [HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.InternalServerError, HttpStatusCode.NoContent, HttpStatusCode.Accepted];

    private static readonly string MountsDatabase = DocFixtures.MountsKvV2.Replace("\"type\":\"kv\"", "\"type\":\"database\"", StringComparison.Ordinal).Replace("\"secret/\"", "\"database/\"", StringComparison.Ordinal);
    private static readonly string MountsPki = DocFixtures.MountsKvV2.Replace("\"type\":\"kv\"", "\"type\":\"pki\"", StringComparison.Ordinal).Replace("\"secret/\"", "\"pki/\"", StringComparison.Ordinal);

    private static readonly VaultScenario[] Scenarios =
    [
        new("secret/app", DocFixtures.MountsKvV2, "GET /v1/secret/data/app"),
        new("secret/app", DocFixtures.MountsKvV2, "GET /v1/secret/metadata/app"),
        new("kv1/app", DocFixtures.MountsKvV1, "GET /v1/kv1/app"),
        new("database/creds/backend", MountsDatabase, "GET /v1/database/creds/backend"),
        new("pki/issue/web", MountsPki, "PUT /v1/pki/issue/web"),
        new("secret/app", DocFixtures.MountsKvV2, "GET /v1/sys/internal/ui/mounts/secret/app"),
        new("secret/app", DocFixtures.MountsKvV2, Lookup),
    ];

    public VaultResponseTarget()
    {
        var pki = Pki();
        string[] bodies =
        [
            DocFixtures.KvV2Read.Replace("thisisasecret", Canary.Value, StringComparison.Ordinal),
            DocFixtures.KvV2Metadata,
            DocFixtures.KvV1Read.Replace("\"bar\"", $"\"{Canary.Value}\"", StringComparison.Ordinal),
            $$"""{"request_id":"r","lease_id":"database/creds/backend/abc","renewable":true,"lease_duration":3600,"data":{"password":"{{Canary.Value}}","username":"v-token-backend"},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"database"}""",
            pki,
            DocFixtures.MountsKvV2,
            DocFixtures.LookupSelf,
        ];
        Seeds = [.. bodies.Select((b, i) => (byte[])[(byte)i, .. Encoding.UTF8.GetBytes(b)]),
            [3, .. Encoding.UTF8.GetBytes(DocFixtures.KvV2Deleted)], [0x80, .. Encoding.UTF8.GetBytes(DocFixtures.PermissionDenied403)],
            [0x82, .. Encoding.UTF8.GetBytes(DocFixtures.InvalidToken403)]];
    }

    public string Name => "vault response bodies";

    public IReadOnlyList<byte[]> Seeds { get; }

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "null", "\"data\":", "\"lease_id\":", "\"lease_duration\":", "\"renewable\":true", "\"errors\":[", "\"auth\":{", "\"metadata\":{",
        "\"version\":", "-1", "9223372036854775807", "1e308", "\"\\ud800\"", "[]", "{}", "\"type\":\"kv\"", "\"options\":{\"version\":\"2\"}",
        "-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n", "\"ttl\":", "\"current_version\":", "\"destroyed\":true", Canary.Value);

    public bool MessagesMayQuoteInput => true; // checked in Run, for 2xx bodies

    public FuzzOutcome Run(byte[] input)
    {
        var choice = input.Length == 0 ? (byte)0 : input[0];
        var scenario = Scenarios[(choice & 0x7f) % Scenarios.Length];
        var status = (choice & 0x80) == 0 ? HttpStatusCode.OK : Statuses[(choice >> 3) % Statuses.Length];
        var body = Encoding.UTF8.GetString(input.AsSpan(Math.Min(1, input.Length)));
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.OK, DocFixtures.LookupSelf)
            .On($"GET /v1/sys/internal/ui/mounts/{scenario.Path}", HttpStatusCode.OK, scenario.MountBody);
        fake.On(scenario.FuzzedRequest, status, body);
        foreach (var (request, answer) in Valid(scenario))
        {
            fake.On(request, HttpStatusCode.OK, answer);
        }

        var runtime = new R3mes.Sidecar.Vault.VaultRuntime(TestVault.Settings(), TestVault.Client(fake), TestVault.Session(TestVault.Client(fake), new DirectToken()));
        var options = new VaultSourceOptions(VaultPath.Segments(scenario.Path), "fuzzed", null,
            scenario.Path.StartsWith("pki", StringComparison.Ordinal) ? new Dictionary<string, string> { ["common_name"] = "web.test" } : new Dictionary<string, string>(),
            LeasePolicy.Default, VaultSourceOptions.DefaultRenewAt);
        var source = new VaultSource(runtime, options, _engine, new Random(23), TimeProvider.System, NullLoggerFactory.Instance);
        using var cancel = new CancellationTokenSource(FuzzBudget.CaseDeadline / 2);
        try
        {
            var data = source.FetchAsync(cancel.Token).AsTask().GetAwaiter().GetResult();
            Assert.NotNull(data.Fields);
            return FuzzOutcome.Accepted;
        }
        catch (Exception e) when (IsRefusal(e) && (int)status < 300)
        {
            // A 2xx body carries values: no message may quote it. (An error status's "errors" are Vault's own text.)
            Assert.False(Canary.Leaks(e), $"the refusal quotes a planted secret value: {Canary.Messages(e)}");
            throw;
        }
    }

    public bool IsRefusal(Exception error) => error is SecretSourceException or VaultApiException or SecretFormatException;

    /// <summary>The other answers a scenario needs, valid, so the fuzzed one is what the reader sees.</summary>
    private static IEnumerable<(string Request, string Body)> Valid(VaultScenario scenario)
    {
        if (scenario.Path == "secret/app")
        {
            yield return ("GET /v1/secret/metadata/app", DocFixtures.KvV2Metadata);
            yield return ("GET /v1/secret/data/app", DocFixtures.KvV2Read);
        }
    }

    private static string Pki()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=web.test", key, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-1), now.AddDays(1));
        var pem = certificate.ExportCertificatePem().Replace("\n", "\\n", StringComparison.Ordinal);
        var keyPem = key.ExportECPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal);
        return $$"""{"request_id":"p","lease_id":"","renewable":false,"lease_duration":0,"data":{"certificate":"{{pem}}","issuing_ca":"{{pem}}","ca_chain":["{{pem}}"],"private_key":"{{keyPem}}","private_key_type":"ec","serial_number":"{{Canary.Value}}","expiration":{{now.AddDays(1).ToUnixTimeSeconds()}}},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"pki"}""";
    }

    private sealed class DirectToken : R3mes.Sidecar.Vault.Auth.IAuthMethod
    {
        public string Description => "fixed token";

        public ValueTask<R3mes.Sidecar.Vault.Auth.LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(R3mes.Sidecar.Vault.Auth.LoginRequest.Token(SecretValue.FromUtf8("hvs.fuzz-token")));
    }
}
