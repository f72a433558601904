using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Pki;

/// <summary>What the sidecar needs to know of an issued certificate: serial and validity, and that the key matches.</summary>
internal sealed record IssuedCertificate(string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>Reads <c>certificate</c> and checks <c>private_key</c> belongs to it; null (never a value in a message) when either is unusable.</summary>
    public static IssuedCertificate? Inspect(IReadOnlyDictionary<string, SecretValue> fields)
    {
        if (!fields.TryGetValue("certificate", out var certificate) || !fields.TryGetValue("private_key", out var key))
        {
            return null;
        }

        try
        {
            using var pair = X509Certificate2.CreateFromPem(certificate.RevealUtf8(), key.RevealUtf8());
            return new IssuedCertificate(pair.SerialNumber, pair.NotBefore.ToUniversalTime(), pair.NotAfter.ToUniversalTime());
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// When to issue the next one: <paramref name="fraction"/> of the life left after it was issued. Vault back-dates
    /// NotBefore (30 s by default) against clock skew, so for a short certificate NotBefore → NotAfter would put the
    /// point seconds after the issue; the life is counted from <paramref name="issuedAt"/> (when the sidecar asked for
    /// it, on its own clock) or NotBefore, whichever is later (docs/VAULT.md, PKI).
    /// </summary>
    public DateTimeOffset RenewAt(double fraction, DateTimeOffset issuedAt)
    {
        var start = issuedAt > NotBefore ? issuedAt : NotBefore;
        start = start < NotAfter ? start : NotAfter;
        return start + ((NotAfter - start) * fraction);
    }
}
