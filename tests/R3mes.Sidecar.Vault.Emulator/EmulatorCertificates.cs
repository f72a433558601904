using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>A throwaway CA with a server certificate (SANs 127.0.0.1, localhost, vault.test) and client certificates.</summary>
public sealed class EmulatorCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;

    public EmulatorCertificates()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=R3mes Emulator CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddMinutes(-5), TimeProvider.System.GetUtcNow().AddDays(1));
        Server = Issue("CN=vault.test", server: true);
    }

    public X509Certificate2 Server { get; }

    public string CaPem => _ca.ExportCertificatePem();

    /// <summary>A client certificate signed by the CA, with its PEM and key PEM for the sidecar's config.</summary>
    public (X509Certificate2 Certificate, string CertPem, string KeyPem) Client(string commonName)
    {
        var certificate = Issue($"CN={commonName}", server: false);
        using var key = certificate.GetECDsaPrivateKey()!;
        return (certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        _ca.Dispose();
        Server.Dispose();
    }

    private X509Certificate2 Issue(string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            names.AddDnsName("vault.test");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        // Never past the CA's own NotAfter (a certificate issued a second after the CA would be, and Create refuses it).
        var notAfter = TimeProvider.System.GetUtcNow().AddDays(1) is var day && day < _ca.NotAfter.ToUniversalTime() ? day : new DateTimeOffset(_ca.NotAfter.ToUniversalTime());
        using var signed = request.Create(_ca, TimeProvider.System.GetUtcNow().AddMinutes(-5), notAfter, serial);
        var withKey = signed.CopyWithPrivateKey(key);
        // Kestrel needs an exportable key on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
