using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Tests.Nginx;

/// <summary>
/// A self-signed certificate the test writes where the sidecar will write its own, so Nginx can be started (however
/// long that takes) before the sidecar runs. Its serial is not one Vault issued.
/// </summary>
internal static class PlaceholderCertificate
{
    /// <summary>Writes the certificate and key PEMs; returns the certificate's serial.</summary>
    public static string Write(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=placeholder.localhost", key, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-1), now.AddHours(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportECPrivateKeyPem() + "\n");
        return certificate.SerialNumber;
    }
}
