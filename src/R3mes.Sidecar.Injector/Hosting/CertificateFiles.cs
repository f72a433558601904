using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Injector.Hosting;

/// <summary>
/// The webhook's key pair, re-read when either file changes (cert-manager and Kubernetes Secret volumes replace
/// them). Each TLS handshake asks for <see cref="Current"/>, which compares the files' modification time and size
/// with the loaded pair's — two <c>stat</c> calls, no file watcher. A pair that does not load (a half-rotated
/// Secret) keeps the previous certificate and is tried again at the next handshake.
/// </summary>
internal sealed partial class CertificateFiles(string certFile, string keyFile, ILogger<CertificateFiles> logger)
{
    private readonly Lock _gate = new();
    private X509Certificate2? _certificate;
    private (string, DateTime, long, string, DateTime, long) _stamp;

    public X509Certificate2 Current
    {
        get
        {
            var stamp = Stamp();
            lock (_gate)
            {
                if (_certificate is not null && stamp == _stamp)
                {
                    return _certificate;
                }

                try
                {
                    var loaded = X509Certificate2.CreateFromPemFile(certFile, keyFile);
                    var previous = _certificate;
                    _certificate = loaded;
                    _stamp = stamp;
                    LogLoaded(logger, certFile, loaded.Subject, loaded.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    _ = previous; // in-flight handshakes may still use it; it is left to the finalizer
                }
                catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    if (_certificate is null)
                    {
                        throw new InvalidOperationException($"cannot load the TLS key pair {certFile} / {keyFile}: {e.Message}", e);
                    }

                    _stamp = stamp;
                    LogReloadFailed(logger, certFile, e.Message);
                }

                return _certificate;
            }
        }
    }

    private (string, DateTime, long, string, DateTime, long) Stamp()
    {
        var cert = Resolve(certFile);
        var key = Resolve(keyFile);
        return (cert.FullName, cert.Exists ? cert.LastWriteTimeUtc : default, cert.Exists ? cert.Length : -1,
            key.FullName, key.Exists ? key.LastWriteTimeUtc : default, key.Exists ? key.Length : -1);
    }

    /// <summary>The file behind the path: a Secret volume's <c>tls.crt</c> → <c>..data/tls.crt</c> → a new directory at each update.</summary>
    private static FileInfo Resolve(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) as FileInfo ?? new FileInfo(path);
        }
        catch (IOException)
        {
            return new FileInfo(path);
        }
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "TLS certificate loaded from {CertFile}: {Subject}, valid until {NotAfter}")]
    private static partial void LogLoaded(ILogger logger, string certFile, string subject, string notAfter);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "TLS certificate {CertFile} changed but does not load ({Reason}); keeping the previous one until the files change again")]
    private static partial void LogReloadFailed(ILogger logger, string certFile, string reason);
}
