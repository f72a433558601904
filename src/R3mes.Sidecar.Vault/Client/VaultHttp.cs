using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>The HTTP handler for Vault: TLS with an optional private CA, server name and client certificate; 307 follow.</summary>
internal static class VaultHttp
{
    public static SocketsHttpHandler CreateHandler(VaultTlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 3,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        var ssl = handler.SslOptions;
        if (tls.ClientCert is not null && tls.ClientKey is not null)
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.ClientCert, tls.ClientKey)];
        }

        if (tls.SkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (tls.CaFile is not null || tls.CaPem is not null || tls.ServerName is not null)
        {
            X509Certificate2Collection? roots = null;
            if (tls.CaFile is not null)
            {
                roots = [];
                roots.ImportFromPemFile(tls.CaFile);
            }
            else if (tls.CaPem is not null)
            {
                roots = [];
                roots.ImportFromPem(tls.CaPem);
            }

            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots, tls.ServerName);
        }

        return handler;
    }

    /// <summary>
    /// Checks the name (against <c>server_name</c> when set: SocketsHttpHandler always validates against the URL's
    /// host) and the chain (against the private CA when set, else the system's roots).
    /// </summary>
    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, string? serverName)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var nameOk = serverName is null ? !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) : leaf.MatchesHostname(serverName);
        if (!nameOk)
        {
            return false;
        }

        if (roots is null)
        {
            return !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
