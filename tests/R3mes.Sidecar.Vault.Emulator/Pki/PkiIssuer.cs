using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Vault.Emulator.Pki;

/// <summary>Makes the root CA and signs leaf certificates with fresh keys, as <c>pki/issue</c> does.</summary>
internal static class PkiIssuer
{
    /// <summary>Vault back-dates NotBefore by 30 s (the role's <c>not_before_duration</c> default).</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(30);

    public static PkiMount CreateRoot(string mount, DateTimeOffset now, TimeSpan ttl)
    {
        var pki = new PkiMount(mount);
        SetRoot(pki, $"R3mes emulator root CA ({mount})", "ec", 256, now, ttl);
        return pki;
    }

    /// <summary>Makes a self-signed root (<c>root/generate/internal</c>) and makes it the mount's CA; the key stays in memory.</summary>
    public static X509Certificate2 SetRoot(PkiMount mount, string commonName, string keyType, int keyBits, DateTimeOffset now, TimeSpan ttl)
    {
        var subject = new X500DistinguishedName($"CN={commonName}");
        CertificateRequest request;
        X509SignatureGenerator signer;
        if (keyType == "rsa")
        {
            var rsa = RSA.Create(keyBits > 0 ? keyBits : 2048);
            request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            signer = X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
        }
        else
        {
            var ec = ECDsa.Create(keyBits == 384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
            request = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
            signer = X509SignatureGenerator.CreateForECDsa(ec);
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(now - Backdate, now + ttl);
        mount.Ca ??= ca;
        mount.Signer ??= signer;
        mount.IssuerIds.Add(Guid.NewGuid().ToString());
        return ca;
    }

    /// <summary><c>config/ca</c>: a PEM bundle, certificate first, with its private key (EC or RSA).</summary>
    public static X509Certificate2 Import(PkiMount mount, string pemBundle)
    {
        var certificate = X509Certificate2.CreateFromPem(pemBundle);
        X509SignatureGenerator signer;
        if (pemBundle.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) || certificate.GetRSAPublicKey() is not null)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pemBundle);
            signer = X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
        }
        else
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pemBundle);
            signer = X509SignatureGenerator.CreateForECDsa(ec);
        }

        mount.Ca ??= certificate;
        mount.Signer ??= signer;
        mount.IssuerIds.Add(Guid.NewGuid().ToString());
        return certificate;
    }

    public static (X509Certificate2 Certificate, string PrivateKeyPem) Issue(PkiMount mount, PkiRole role, string commonName,
        IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ips, DateTimeOffset now, TimeSpan ttl, byte[] serial)
    {
        using var ec = role.KeyType == "ec" ? ECDsa.Create(role.KeyBits switch { 384 => ECCurve.NamedCurves.nistP384, 521 => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 }) : null;
        using var rsa = ec is null ? RSA.Create(role.KeyBits) : null;
        var subject = new X500DistinguishedName($"CN={commonName}");
        var request = ec is not null
            ? new CertificateRequest(subject, ec, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, rsa!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(mount.Ca!, true, false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            san.AddDnsName(dns);
        }

        foreach (var ip in ips)
        {
            san.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(san.Build());
        var certificate = request.Create(mount.Ca!.SubjectName, mount.Signer!, now - Backdate, now + ttl, serial);
        var keyPem = ec is not null ? ec.ExportECPrivateKeyPem() : rsa!.ExportRSAPrivateKeyPem();
        return (certificate, keyPem.TrimEnd('\n', '\r'));
    }

    /// <summary>A random positive 20-byte serial with a non-zero first byte (so its hex form always has 20 groups).</summary>
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(20);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    /// <summary>Vault's <c>GetHexFormatted(serial, ":")</c>: lower-case hex bytes joined by colons.</summary>
    public static string FormatSerial(byte[] serial) => string.Join(':', serial.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>PEM as Vault's ToCertBundle emits it: trimmed, no trailing newline.</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem().TrimEnd('\n', '\r');
}
