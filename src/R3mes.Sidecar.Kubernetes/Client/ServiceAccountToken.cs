namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>
/// The pod's service-account token, read from its file. The kubelet rewrites a projected token well before it
/// expires (about an hour), so the file is read again once a minute and at once after a 401; the token is never
/// kept for the life of the process, and never logged.
/// </summary>
internal sealed class ServiceAccountToken(string path, TimeProvider time)
{
    public static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);

    private const int MaxBytes = 64 * 1024;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public string Path => path;

    /// <summary>The token, re-read from the file when the last read is a minute old.</summary>
    public string Current()
    {
        lock (_gate)
        {
            return _token is not null && time.GetUtcNow() - _readAt < RereadAfter ? _token : Read();
        }
    }

    /// <summary>Reads the file now (after a 401: the kubelet may have rotated it) and returns the token.</summary>
    public string Reload()
    {
        lock (_gate)
        {
            return Read();
        }
    }

    private string Read()
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new ServiceAccountTokenException($"the service-account token file {path} is larger than 64 KiB");
            }

            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceAccountTokenException($"cannot read the service-account token file {path} ({e.GetType().Name}): mount the token or set kubernetes.token_file");
        }

        if (text.Length == 0 || text.Any(c => char.IsControl(c) || c == ' '))
        {
            throw new ServiceAccountTokenException($"the service-account token file {path} holds no token");
        }

        (_token, _readAt) = (text, time.GetUtcNow());
        return text;
    }
}
