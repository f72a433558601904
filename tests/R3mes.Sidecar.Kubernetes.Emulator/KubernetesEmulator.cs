using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>
/// An emulator of the Kubernetes API server's core/v1 Secrets on a real loopback port (https with its own CA, or
/// http), for tests: create/replace/delete, get, list (consistent at the current resource version), and watch
/// streams of newline-delimited WatchEvents (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) replayed from a resource
/// version out of a history that <see cref="Compact"/> can cut (then: 410 Gone, as an ERROR event or an HTTP
/// status). Bearer-token check against a token <see cref="RotateToken"/> replaces; <see cref="CutWatches"/> breaks
/// every open stream mid-way. Optional RBAC scoped by resource names. Semantics follow the Kubernetes API concepts
/// (see docs/kubernetes-watch.md), not the client.
/// </summary>
public sealed partial class KubernetesEmulator : IAsyncDisposable
{
    private readonly KubernetesEmulatorOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), StoredSecret> _secrets = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly List<ActiveWatch> _watches = [];
    private readonly List<EmulatorRequest> _requests = [];
    private readonly EmulatorCertificate? _certificate;
    private long _resourceVersion = 1000;
    private long _oldestWatchable = 1000;
    private string _token;
    private int _throttled;
    private WebApplication? _app;

    private KubernetesEmulator(KubernetesEmulatorOptions options)
    {
        _options = options;
        _token = options.Token;
        _certificate = options.Tls ? new EmulatorCertificate() : null;
    }

    /// <summary>The API server URL, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The cluster CA in PEM (what a pod finds in <c>ca.crt</c>); null over http.</summary>
    public string? CaPem => _certificate?.CaPem;

    /// <summary>The token the server accepts now.</summary>
    public string Token
    {
        get
        {
            lock (_gate)
            {
                return _token;
            }
        }
    }

    public IReadOnlyList<EmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many watch streams are open now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>The latest resource version (each write moves it).</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public static async Task<KubernetesEmulator> StartAsync(KubernetesEmulatorOptions? options = null)
    {
        var emulator = new KubernetesEmulator(options ?? new KubernetesEmulatorOptions());
        await emulator.ListenAsync().ConfigureAwait(false);
        return emulator;
    }

    /// <summary>From now on only <paramref name="token"/> is accepted; requests with the old one get 401.</summary>
    public void RotateToken(string token)
    {
        lock (_gate)
        {
            _token = token;
        }
    }

    /// <summary>The next <paramref name="requests"/> requests are answered 429 TooManyRequests (API priority and fairness shedding load).</summary>
    public void Throttle(int requests)
    {
        lock (_gate)
        {
            _throttled = requests;
        }
    }

    /// <summary>Forgets the history up to now: a watch from any earlier resource version is answered 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _oldestWatchable = _resourceVersion;
        }
    }

    /// <summary>Breaks every open watch connection without ending the stream properly; returns how many.</summary>
    public int CutWatches()
    {
        ActiveWatch[] open;
        lock (_gate)
        {
            open = [.. _watches];
            _watches.Clear();
        }

        foreach (var watch in open)
        {
            watch.Context.Abort();
        }

        return open.Length;
    }

    /// <summary>Sends a BOOKMARK at the current resource version to every open watch that allows bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var watch in _watches.Where(w => w.Bookmarks))
            {
                watch.Lines.Writer.TryWrite(ApiJson.Bookmark(_resourceVersion));
            }
        }
    }

    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        CutWatches();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }

        _certificate?.Dispose();
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port, listen =>
        {
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate.Server);
            }
        }));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }

    private void Record(string verb, string? ns, string? name, string? resourceVersion, int status, string? token)
    {
        lock (_gate)
        {
            _requests.Add(new EmulatorRequest(verb, ns, name, resourceVersion, status, token));
        }
    }
}
