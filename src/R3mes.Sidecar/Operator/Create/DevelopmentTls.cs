using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Create;

/// <summary>
/// A self-signed development pair for Nginx: ECDSA P-256, 90 days, for <c>localhost</c>, <c>api.r3mes.local</c>
/// and 127.0.0.1. Production certificates come from Vault PKI.
/// </summary>
internal static class DevelopmentTls
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(90);

    public static (SecretValue Certificate, SecretValue PrivateKey) New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=R3MES development", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName("api.r3mes.local");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Validity);
        return (SecretValue.FromUtf8(certificate.ExportCertificatePem() + "\n"), SecretValue.FromUtf8(key.ExportPkcs8PrivateKeyPem() + "\n"));
    }
}
