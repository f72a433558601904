using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Tests.Support.Faults;

/// <summary>
/// A throwaway CA and three server certificates it signed for <see cref="FaultProxy"/>: a good one for 127.0.0.1,
/// one for 127.0.0.1 that expired yesterday, and a current one for another host only (<c>wrong-host.test</c>).
/// </summary>
internal sealed class FaultCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;

    public FaultCertificates()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=R3mes Fault Matrix CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(now.AddDays(-10), now.AddDays(2));
        Good = Issue(now.AddMinutes(-5), now.AddDays(1), loopback: true);
        Expired = Issue(now.AddDays(-3), now.AddDays(-1), loopback: true);
        WrongHost = Issue(now.AddMinutes(-5), now.AddDays(1), loopback: false);
    }

    public X509Certificate2 Good { get; }

    public X509Certificate2 Expired { get; }

    public X509Certificate2 WrongHost { get; }

    public string CaPem => _ca.ExportCertificatePem();

    public void Dispose()
    {
        _ca.Dispose();
        Good.Dispose();
        Expired.Dispose();
        WrongHost.Dispose();
    }

    private X509Certificate2 Issue(DateTimeOffset notBefore, DateTimeOffset notAfter, bool loopback)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(loopback ? "CN=127.0.0.1" : "CN=wrong-host.test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        if (loopback)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            names.AddDnsName("wrong-host.test");
        }

        request.CertificateExtensions.Add(names.Build());
        using var signed = request.Create(_ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        using var withKey = signed.CopyWithPrivateKey(key);
        // SslStream on Linux needs the key in a form it can hand to OpenSSL: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
