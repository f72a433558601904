using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Injector.Admission;
using R3mes.Sidecar.Injector.Pods;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// AdmissionReview bodies through <see cref="AdmissionHandler"/> (bytes in, JSON out): every answer is 200 with a
/// review for the request's uid, or 400 with a Status; the handler itself never throws.
/// </summary>
internal sealed class AdmissionTarget : IFuzzTarget, IDisposable
{
    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"backend-7d9f8c6b5d-","labels":{"app":"backend"},
         "annotations":{"sidecar.r3mes.io/inject":"true","sidecar.r3mes.io/secret-a":"secret/r3mes/app#jwt","sidecar.r3mes.io/template-a":"{{ jwt }}",
                        "sidecar.r3mes.io/mode-a":"0400","sidecar.r3mes.io/secret-db":"database/creds/backend","sidecar.r3mes.io/reload":"signal:SIGHUP:backend"}},
         "spec":{"serviceAccountName":"backend","securityContext":{"runAsUser":1000},
                 "initContainers":[{"name":"migrate","image":"registry.r3mes.io/backend:1.4.2"}],
                 "containers":[{"name":"backend","image":"registry.r3mes.io/backend:1.4.2","volumeMounts":[{"name":"config","mountPath":"/etc/backend"}]}],
                 "volumes":[{"name":"config","configMap":{"name":"backend-config"}}]}}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("r3mes-fuzz-injector-").FullName;
    private readonly AdmissionHandler _handler;

    public AdmissionTarget()
    {
        WriteCertificate("tls.crt", "tls.key", "injector");
        WriteCertificate("vault-ca.pem", "vault-ca.key", "vault-ca");
        var settingsFile = Path.Combine(_directory, "injector.yaml");
        File.WriteAllText(settingsFile, """
            listen: 127.0.0.1:0
            tls: { cert_file: tls.crt, key_file: tls.key }
            namespace: r3mes-system
            sidecar: { image: "ghcr.io/r3mes/r3mes-sidecar:0.1.0", pull_policy: IfNotPresent }
            vault: { address: "https://vault.vault.svc:8200", ca_file: vault-ca.pem }
            aws: { region: eu-west-1 }
            """);
        _handler = new AdmissionHandler(new PodMutator(InjectorSettingsReader.Read(settingsFile)));
        Seeds = Utf8Input.All(
            Review("CREATE", Pod),
            Review("CREATE", Pod.Replace("secret/r3mes/app#jwt", "aws:r3mes/api", StringComparison.Ordinal)),
            Review("UPDATE", Pod),
            Review("CREATE", Pod.Replace("\"true\"", "\"false\"", StringComparison.Ordinal)),
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u"}}""");
    }

    public string Name => "admission review bodies";

    public IReadOnlyList<byte[]> Seeds { get; }

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "null", "\"sidecar.r3mes.io/", "\"annotations\":{", "\"containers\":[", "\"volumes\":[", "[", "]", "{", "}", "\"\\u0000\"", "1e999",
        "\"uid\":", "\"object\":", "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}", "{{", "file:", "aws:", "kubernetes:", "\"0777\"");

    public bool MessagesMayQuoteInput => true;

    public FuzzOutcome Run(byte[] input)
    {
        var answer = _handler.Handle(input);
        var json = JsonNode.Parse(answer.Body)!;
        if (answer.StatusCode == 400)
        {
            Assert.Equal("Status", json["kind"]!.GetValue<string>());
            return FuzzOutcome.Refused;
        }

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("AdmissionReview", json["kind"]!.GetValue<string>());
        Assert.Equal(RequestUid(input), json["response"]!["uid"]!.GetValue<string>());
        return FuzzOutcome.Accepted;
    }

    public bool IsRefusal(Exception error) => false;

    /// <summary>The request's uid as the handler read it (the reader's rules: the last duplicate wins, names need not be valid UTF-8).</summary>
    private static string RequestUid(byte[] input) =>
        System.Text.Json.JsonSerializer.Deserialize(input, AdmissionJsonContext.Default.AdmissionReview)!.Request!.Uid!;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Review(string operation, string pod) =>
        $$$"""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"namespace":"r3mes","operation":"{{{operation}}}","object":{{{pod}}}}}""";

    private void WriteCertificate(string certificateFile, string keyFile, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        File.WriteAllText(Path.Combine(_directory, certificateFile), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, keyFile), key.ExportPkcs8PrivateKeyPem());
    }
}
