using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// The HTTP handler for the API server: no proxy, no cookies, no redirects; over https the server certificate must
/// chain to the cluster CA (<c>ca.crt</c>) and name the host of the URL.
/// </summary>
internal static class KubernetesHttp
{
    public static SocketsHttpHandler CreateHandler(Uri server, string caFile)
    {
        ArgumentNullException.ThrowIfNull(server);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        if (server.Scheme == Uri.UriSchemeHttps)
        {
            var roots = ReadCa(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots);
        }

        return handler;
    }

    private static X509Certificate2Collection ReadCa(string caFile)
    {
        X509Certificate2Collection roots = [];
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new KubernetesApiException(0, null, $"cannot read the cluster CA {caFile} ({e.GetType().Name}): mount the service-account CA or set kubernetes.ca_file");
        }

        return roots.Count > 0
            ? roots
            : throw new KubernetesApiException(0, null, $"the cluster CA file {caFile} holds no PEM certificate");
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
