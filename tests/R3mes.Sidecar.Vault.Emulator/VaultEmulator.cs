using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// An emulator of the Vault HTTP API on a real loopback port, for tests: sys/health, token self-management with
/// TTL, max TTL and periodic tokens, AppRole (with response-wrapped secret IDs), Kubernetes/JWT logins, KV v1/v2,
/// sys/internal/ui/mounts, simple path policies that produce real 403s, and fault injection (seal, standby,
/// queued errors, latency, dropped connections, restart, stop/resume). Envelope and quirks follow
/// docs/VAULT.md, not the client.
/// </summary>
public sealed partial class VaultEmulator : IAsyncDisposable
{
    private readonly VaultEmulatorOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatorToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorPolicy> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Version, Dictionary<string, KvSecret> Secrets)> _kv = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppRole> _appRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Mount, string Role, HashSet<string> Jwts, IReadOnlyList<string> Policies, TimeSpan Ttl)> _jwtRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WrappedResponse> _wrapped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Mount, string Role, IReadOnlyList<string> Policies, TimeSpan Ttl)> _certRoles = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatorFault> _faults = new();
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private WebApplication? _app;
    private ITimer? _sweeper;

    private VaultEmulator(VaultEmulatorOptions options) => _options = options;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string RootToken => _options.RootToken;

    public bool Sealed { get; set; }

    /// <summary>When set, API calls answer 307 to this address and health answers 429 (a standby node).</summary>
    public Uri? StandbyRedirect { get; set; }

    public TimeSpan Latency { get; set; }

    public IReadOnlyList<EmulatorRequest> Requests => [.. _requests];

    /// <summary>Every token issued since start (logins, token create), kept across <see cref="Restart"/>: for tests that scan output for them.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. _issued];

    public static async Task<VaultEmulator> StartAsync(VaultEmulatorOptions? options = null)
    {
        var emulator = new VaultEmulator(options ?? new VaultEmulatorOptions());
        emulator.AddRootToken();
        if (ReferenceEquals(emulator._options.Time, TimeProvider.System))
        {
            // On the real clock, expired leases are revoked (roles dropped) within a second even if no request arrives;
            // on a fake clock tests call SweepLeasesAsync (every request sweeps too).
            emulator._sweeper = TimeProvider.System.CreateTimer(_ => _ = emulator.SweepLeasesAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        await emulator.ListenAsync(emulator._options.Port).ConfigureAwait(false);
        return emulator;
    }

    public void ClearRequests() => _requests.Clear();

    public int Count(string method, string path) => _requests.Count(r => r.Method == method && r.Path == path);

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/> and Vault's error body.</summary>
    public void FailNext(int count, int status, string? message = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new EmulatorFault(status, message));
        }
    }

    /// <summary>Aborts the next <paramref name="count"/> connections without an answer.</summary>
    public void DropNext(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new EmulatorFault(0, null, Drop: true));
        }
    }

    /// <summary>Forgets every token and wrapping token (a storage wipe): clients must log in again. Config and KV stay.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _tokens.Clear();
            LeaseEndsMoved();
            _wrapped.Clear();
            ExpireLeases();
        }

        AddRootToken();
        SweepLeasesAsync().GetAwaiter().GetResult();
    }

    /// <summary>Stops listening (connection refused) while keeping all state.</summary>
    public async Task StopListeningAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task ResumeListeningAsync() => ListenAsync(Address.Port);

    public async ValueTask DisposeAsync()
    {
        if (_sweeper is not null)
        {
            await _sweeper.DisposeAsync().ConfigureAwait(false);
        }

        await StopListeningAsync().ConfigureAwait(false);
        await DisposeDatabasesAsync().ConfigureAwait(false);
    }

    public int LiveTokens()
    {
        lock (_gate)
        {
            return _tokens.Values.Count(t => t.ExpiresAt is null || t.ExpiresAt > Now);
        }
    }

    internal DateTimeOffset Now => _options.Time.GetUtcNow();

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port, listen =>
        {
            if (_options.Tls is { } tls)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls.Server;
                    https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                });
            }
        }));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }

    private void AddRootToken()
    {
        lock (_gate)
        {
            _tokens[_options.RootToken] = new EmulatorToken
            {
                Id = _options.RootToken,
                Accessor = NewId(24),
                Policies = ["root"],
                Created = Now,
                Path = "auth/token/root",
                Renewable = false,
                Orphan = true,
            };
            LeaseEndsMoved();
        }
    }

    internal static string NewId(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
