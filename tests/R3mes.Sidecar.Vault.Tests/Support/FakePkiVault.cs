using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>
/// A Vault that issues certificates on a fake clock, as Vault's PKI engine does: NotBefore back-dated 30 s, NotAfter
/// <see cref="Ttl"/> after "now", the common name from the request. Answers <c>lookup-self</c> for a token login and
/// records every issue request (path and body).
/// </summary>
internal sealed class FakePkiVault(TimeProvider time) : HttpMessageHandler
{
    private int _serial;

    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>"path body" of each issue request, in order.</summary>
    public List<string> Issued { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == "/v1/auth/token/lookup-self")
        {
            return Json("""{"data":{"accessor":"acc-1","creation_ttl":0,"ttl":0,"renewable":false}}""");
        }

        if (request.Method != HttpMethod.Post || !path.Contains("/issue/", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"errors":[]}""") };
        }

        var body = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
        Issued.Add(path + " " + body);
        var commonName = JsonNode.Parse(body)?["common_name"]?.GetValue<string>() ?? "unnamed";
        return Json(new JsonObject { ["data"] = Issue(commonName) }.ToJsonString());
    }

    private JsonObject Issue(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var now = time.GetUtcNow();
        var serial = BitConverter.GetBytes(++_serial).Reverse().ToArray();
        using var issuer = request.CreateSelfSigned(now.AddSeconds(-1), now.AddDays(1));
        using var leaf = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddSeconds(-30), now + Ttl, serial);
        var ca = issuer.ExportCertificatePem();
        return new JsonObject
        {
            ["certificate"] = leaf.ExportCertificatePem(),
            ["issuing_ca"] = ca,
            ["ca_chain"] = new JsonArray(ca),
            ["private_key"] = key.ExportECPrivateKeyPem(),
            ["private_key_type"] = "ec",
            ["serial_number"] = leaf.SerialNumber,
            ["expiration"] = (now + Ttl).ToUnixTimeSeconds(),
        };
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
